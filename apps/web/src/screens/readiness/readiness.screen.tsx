import { PendingScreen } from '../pending.screen.tsx';

/** The readiness screen (issue #9); shows the pending notice until its capability's screen is written. */
export function ReadinessScreen() {
  return <PendingScreen screen="readiness" />;
}
