/**
 * The bar over the content: the app's name on a phone (the sidebar shows it
 * on a desktop) and the global search.
 */
import { GlobalSearch } from '../search/global-search';
import { AppLogo } from './app-logo';

export function TopBar() {
  return (
    <header className="top-bar">
      <div className="top-bar__brand" aria-hidden="true">
        <AppLogo size={26} />
        <span>MediaNest</span>
      </div>
      <GlobalSearch />
    </header>
  );
}
