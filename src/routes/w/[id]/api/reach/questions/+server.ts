import { json } from '@sveltejs/kit';
import { readJsonBody } from '$lib/server/api/json-body';
import { pickReachQuestions, reachMessage } from '$lib/server/reach/store';
import type { RequestHandler } from './$types';

/** The facilitator's pick `{ questions: [...] }`, before or during the workshop (see store.ts). */
export const POST: RequestHandler = async (event) => {
	const body = await readJsonBody(event);
	const { locals, params } = event;
	const result = await pickReachQuestions(
		locals.services.db,
		locals.actor,
		params.id,
		body.questions
	);
	if (!result.ok)
		return json(
			{ message: reachMessage(locals.locale, result.error, locals.simpleLanguage) },
			{ status: result.status }
		);
	return json({ ok: true, questions: result.value });
};
