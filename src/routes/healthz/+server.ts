import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const { db } = locals.services;
	await db.get('SELECT 1 AS ok');
	return json({ status: 'ok', store: db.kind, redis: Boolean(process.env.REDIS_URL) });
};
