/**
 * The chart-only embed routes served by the dynamic route
 * `src/pages/(en/)sematkan/[chart].astro` (issue 5): figure id → the topic
 * page that renders it. The Beranda map, Kemiskinan's desil chart and
 * Sasaran's ranked chart have routes of their own under `sematkan/`.
 * A figure id is unique across the site, so `/sematkan/<id>/` names one chart.
 */
export const TOPIC_EMBEDS = {
  'ppks-chart': 'kemiskinan',
  'channel-chart': 'pengaduan',
  'category-chart': 'pengaduan',
  'deadline-chart': 'pengaduan',
  'km-response-chart': 'pengaduan',
  'km-chart': 'pengaduan',
  'backlog-chart': 'pengaduan',
  'flow-chart': 'pengaduan',
} as const;

export type TopicEmbed = keyof typeof TOPIC_EMBEDS;

export const topicEmbedPaths = () => (Object.keys(TOPIC_EMBEDS) as TopicEmbed[]).map((chart) => ({ params: { chart } }));
