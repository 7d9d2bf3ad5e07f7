import { PendingScreen } from '../pending.screen.tsx';

/** The advocates screen (issue #9); shows the pending notice until its capability's screen is written. */
export function AdvocatesScreen() {
  return <PendingScreen screen="advocates" />;
}
