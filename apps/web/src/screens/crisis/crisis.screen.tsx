import { PendingScreen } from '../pending.screen.tsx';

/** The crisis screen (issue #9); shows the pending notice until its capability's screen is written. */
export function CrisisScreen() {
  return <PendingScreen screen="crisis" />;
}
