import type { FeedConnectorsMessageKey } from './feed-connectors.messages.en.ts';

export const feedConnectorsSv: Record<FeedConnectorsMessageKey, string> = {
  'feedConnectors.bluesky.title': 'Bluesky',
  'feedConnectors.bluesky.lead':
    'Inlägg från Bluesky (via Jetstream) som innehåller något av nyckelorden eller hashtaggarna, eller kommer från något av kontona. Ange minst ett.',
  'feedConnectors.bluesky.keywords': 'Nyckelord',
  'feedConnectors.bluesky.keywordsHint':
    'Kommaseparerade fraser; matchas som hela ord oavsett versaler och accenter',
  'feedConnectors.bluesky.hashtags': 'Hashtaggar',
  'feedConnectors.bluesky.hashtagsHint': 'Kommaseparerade, med eller utan #',
  'feedConnectors.bluesky.handles': 'Konton',
  'feedConnectors.bluesky.handlesHint':
    'Kommaseparerade användarnamn som nordvik.bsky.social: allt de publicerar sparas',
  'feedConnectors.bluesky.jetstreamUrl': 'Jetstream-adress',
  'feedConnectors.bluesky.jetstreamUrlHint':
    'En wss://-prenumerationsadress; standard är Blueskys publika instans',
  'feedConnectors.bluesky.resolverUrl': 'Uppslag av användarnamn',
  'feedConnectors.bluesky.resolverUrlHint': 'En PDS eller AppView som gör om användarnamn till konto-id',
  'feedConnectors.rss.title': 'RSS- och Atom-flöden',
  'feedConnectors.rss.lead':
    'Flöden som läses med villkorliga anrop: varje flöde frågas högst så ofta som intervallet, flödets egen uppdateringsangivelse eller servern tillåter.',
  'feedConnectors.rss.feeds': 'Flödesadresser',
  'feedConnectors.rss.feedsHint': 'En http(s)-adress per rad',
  'feedConnectors.rss.pollInterval': 'Kortaste intervall (sekunder)',
  'feedConnectors.rss.pollIntervalHint': 'Minst 60; 900 är ett hänsynsfullt standardvärde',
};
