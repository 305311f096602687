/**
 * MediaNest's mark: the same shape as the favicon and the tray icon.
 */
export function AppLogo({ size = 28 }: { readonly size?: number }) {
  return (
    <svg className="app-logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="app-logo__tile" />
      <path d="M7 24V8l9 7 9-7v16" fill="none" stroke="#fff" strokeWidth="3" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
