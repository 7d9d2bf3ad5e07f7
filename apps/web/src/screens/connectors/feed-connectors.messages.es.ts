import type { FeedConnectorsMessageKey } from './feed-connectors.messages.en.ts';

export const feedConnectorsEs: Record<FeedConnectorsMessageKey, string> = {
  'feedConnectors.bluesky.title': 'Bluesky',
  'feedConnectors.bluesky.lead':
    'Publicaciones de Bluesky (a través de Jetstream) que llevan una de las palabras clave o etiquetas, o vienen de una de las cuentas. Indica al menos una.',
  'feedConnectors.bluesky.keywords': 'Palabras clave',
  'feedConnectors.bluesky.keywordsHint':
    'Frases separadas por comas; coinciden como palabras completas, sin importar mayúsculas ni tildes',
  'feedConnectors.bluesky.hashtags': 'Etiquetas',
  'feedConnectors.bluesky.hashtagsHint': 'Separadas por comas, con o sin #',
  'feedConnectors.bluesky.handles': 'Cuentas',
  'feedConnectors.bluesky.handlesHint':
    'Identificadores separados por comas, como nordvik.bsky.social: se guarda todo lo que publican',
  'feedConnectors.bluesky.jetstreamUrl': 'Dirección de Jetstream',
  'feedConnectors.bluesky.jetstreamUrlHint':
    'Un punto de suscripción wss://; por defecto, la instancia pública de Bluesky',
  'feedConnectors.bluesky.resolverUrl': 'Resolución de identificadores',
  'feedConnectors.bluesky.resolverUrlHint': 'Un PDS o AppView que convierte identificadores en ids de cuenta',
  'feedConnectors.rss.title': 'Fuentes RSS y Atom',
  'feedConnectors.rss.lead':
    'Fuentes leídas con peticiones condicionales: cada una se consulta como mucho tan a menudo como permiten el intervalo, su propia indicación de actualización o su servidor.',
  'feedConnectors.rss.feeds': 'Direcciones de las fuentes',
  'feedConnectors.rss.feedsHint': 'Una dirección http(s) por línea',
  'feedConnectors.rss.pollInterval': 'Intervalo mínimo (segundos)',
  'feedConnectors.rss.pollIntervalHint': 'Al menos 60; 900 es un valor considerado',
};
