import { PendingScreen } from '../pending.screen.tsx';

/** The listening screen (issue #9); shows the pending notice until its capability's screen is written. */
export function ListeningScreen() {
  return <PendingScreen screen="listening" />;
}
