import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const db = await getDb();
	await db.get('SELECT 1 AS ok');
	return json({ status: 'ok', store: db.kind, redis: Boolean(process.env.REDIS_URL) });
};
