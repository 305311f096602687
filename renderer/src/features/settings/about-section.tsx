/**
 * Version, host and data folder: what someone helping over the phone asks first.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/app-store';

export function AboutSection() {
  const { info } = useAppStore(useShallow((state) => ({ info: state.info })));
  if (!info) return null;
  return (
    <section className="settings-section settings-section--about" aria-labelledby="about-heading">
      <h2 id="about-heading" className="settings-section__title">
        About
      </h2>
      <dl className="facts">
        <div>
          <dt>Version</dt>
          <dd>
            {info.name} {info.version}
          </dd>
        </div>
        <div>
          <dt>Running as</dt>
          <dd>{info.mode === 'serve' ? 'Web app (serve mode)' : 'Desktop app'} on {info.platform}</dd>
        </div>
        <div>
          <dt>Data folder</dt>
          <dd>
            <code className="path">{info.dataDir}</code>
          </dd>
        </div>
      </dl>
    </section>
  );
}
