/**
 * The frame of one welcome step: the service's name and purpose, its state,
 * then its form or button.
 */
import type { ReactNode } from 'react';

export interface WelcomeCardProps {
  readonly service: string;
  readonly title: string;
  readonly purpose: string;
  readonly state: ReactNode;
  readonly children: ReactNode;
}

export function WelcomeCard({ service, title, purpose, state, children }: WelcomeCardProps) {
  const headingId = `welcome-${service}`;
  return (
    <section className="welcome-card card" aria-labelledby={headingId} data-testid={`welcome-card-${service}`}>
      <header className="welcome-card__header">
        <div>
          <h2 id={headingId} className="welcome-card__title">
            {title}
          </h2>
          <p className="welcome-card__purpose">{purpose}</p>
        </div>
        {state}
      </header>
      {children}
    </section>
  );
}
