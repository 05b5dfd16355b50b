/** How many answers came back with each status, e.g. `{ 201: 20, 409: 20 }`: a race's outcome in one value. */
export function statusCounts(answers: ReadonlyArray<{ status: number }>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
