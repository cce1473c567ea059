/**
 * Multi-row statements for imports. One INSERT per row costs a round trip each on PostgreSQL; one
 * statement per few hundred rows keeps a whole city's import well under a second. The batch sizes stay
 * far below both stores' limits on placeholders (SQLite 32,766, PostgreSQL 65,535).
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
	return chunks;
}

/** `(?, ?, ?), (?, ?, ?)` for a VALUES list of `rows` rows with `columns` columns. */
export function valuesPlaceholders(rows: number, columns: number): string {
	const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
	return Array.from({ length: rows }, () => row).join(', ');
}

/** `?, ?, ?` for an IN list. */
export function listPlaceholders(count: number): string {
	return Array.from({ length: count }, () => '?').join(', ');
}

/** Lets timers, sockets and the live workshops run between two batches of a long import. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
