import { PendingScreen } from '../pending.screen.tsx';

/** The privacy screen (issue #9); shows the pending notice until its capability's screen is written. */
export function PrivacyScreen() {
  return <PendingScreen screen="privacy" />;
}
