/**
 * "Skip to content" for keyboard users. It moves focus by hand: following a
 * `#main` fragment would replace the hash route.
 */
import type { RefObject } from 'react';

export interface SkipLinkProps {
  readonly target: RefObject<HTMLElement | null>;
}

export function SkipLink({ target }: SkipLinkProps) {
  return (
    <a
      className="skip-link"
      href="#main-content"
      onClick={(event) => {
        event.preventDefault();
        const main = target.current;
        (main?.querySelector<HTMLElement>('h1') ?? main)?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
