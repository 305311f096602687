/**
 * Appearance: follow the system, or always dark or light. A choice of this
 * device, applied at once (nothing to save on the media PC).
 */
import { Monitor, Moon, Sun, type LucideIcon } from 'lucide-react';
import { themeChoices, setThemeChoice, useThemeChoice, type ThemeChoice } from '../../ui/theme';

const choiceWords: Record<ThemeChoice, { label: string; icon: LucideIcon }> = {
  system: { label: 'Like the system', icon: Monitor },
  dark: { label: 'Dark', icon: Moon },
  light: { label: 'Light', icon: Sun },
};

export function AppearanceSection() {
  const current = useThemeChoice();
  return (
    <section className="settings-group" id="settings-appearance" aria-labelledby="settings-appearance-title">
      <h2 id="settings-appearance-title" className="settings-group__title">
        Appearance
      </h2>
      <div className="card settings-card">
        <fieldset className="segmented">
          <legend className="field__label">Theme</legend>
          <div className="segmented__options">
            {themeChoices.map((choice) => {
              const { label, icon: Icon } = choiceWords[choice];
              return (
                <label key={choice} className="segmented__option">
                  <input type="radio" name="theme" value={choice} checked={current === choice} onChange={() => setThemeChoice(choice)} />
                  <Icon aria-hidden="true" size={16} />
                  <span>{label}</span>
                </label>
              );
            })}
          </div>
          <p className="field__hint">For this device only, and applied at once.</p>
        </fieldset>
      </div>
    </section>
  );
}
