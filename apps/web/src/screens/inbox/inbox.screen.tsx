import { PendingScreen } from '../pending.screen.tsx';

/** The inbox screen (issue #9); shows the pending notice until its capability's screen is written. */
export function InboxScreen() {
  return <PendingScreen screen="inbox" />;
}
