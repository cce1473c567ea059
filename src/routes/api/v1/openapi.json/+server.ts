import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

/** Public: the description holds no data, and clients read it before they have a key. */
export const GET: RequestHandler = () => json(openApiDocument);
