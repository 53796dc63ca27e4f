/** The date products carry: the publication's, or SOURCE_DATE_EPOCH where set. */
export function publicationDate(date: string, env: NodeJS.ProcessEnv): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${date}T00:00:00Z`);
}
