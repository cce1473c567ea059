import { error, json } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { translate } from '$lib/i18n';
import { authorizeWorkshop } from '$lib/server/authorize-workshop';
import { mintJoinCode } from '$lib/server/join-codes';
import type { RequestHandler } from './$types';

/**
 * A fresh join code for the projector, with its QR code. For the workshop's facilitators and for a
 * projector opened by an observer link (the projector shows the code to the whole room anyway);
 * never for participants or after closing. Only the code's hash is stored, so each opening of the
 * projector view makes a new one (the page keeps it while it stays open).
 */
export const POST: RequestHandler = async ({ locals, params, url }) => {
	const { db } = locals.services;
	const verdict = await authorizeWorkshop(db, locals.actor, params.id ?? '', 'content');
	if (!verdict.ok || verdict.closed) error(403, translate(locals.locale, 'error.forbidden'));
	const { actor, workshop, moderator } = verdict;
	const observer = actor.kind === 'guest' && actor.role === 'observer';
	if (!moderator && !observer) error(403, translate(locals.locale, 'error.forbidden'));
	const minted = await mintJoinCode(db, workshop.id, actor.kind === 'staff' ? actor.userId : null);
	if (!minted) return json({ code: null });
	const link = `${url.origin}/j/${minted.code}`;
	const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return json({
		code: minted.code,
		link,
		typeAt: `${url.host}/j`,
		qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
		expiresAt: minted.expiresAt
	});
};
