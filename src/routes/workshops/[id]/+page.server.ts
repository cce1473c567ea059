import { error, fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { districtKey, parseDistrictKey, type DistrictKey } from '$lib/domain/measures';
import { can, isGuestRole } from '$lib/domain/roles';
import { inviteLifetimes } from '$lib/domain/workshop';
import { describeFieldError } from '$lib/domain/field-error';
import { closeWorkshop } from '$lib/server/close-workshop';
import { listGoals } from '$lib/server/goals';
import { registerOptions } from '$lib/server/register-options';
import { getWorkshopLinks, setWorkshopLinks } from '$lib/server/workshop-links';
import { requirePermission } from '$lib/server/guards';
import { createInvite, listInvites, newInviteLink, revokeInvite } from '$lib/server/invites';
import { listParticipants, removeParticipant } from '$lib/server/participants';
import { getWorkshop } from '$lib/server/workshops';
import { readArchive } from '$lib/server/archive/archive-entry';
import { archiveDocuments, archiveZipName } from '$lib/server/archive/archive-files';
import { listNamedParticipants, removeDisplayName } from '$lib/server/privacy/names';
import { deleteWorkshop, findWorkshopDeletion, longDay } from '$lib/server/privacy/delete-workshop';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function loadWorkshop(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { db } = event.locals.services;
	const workshop = await getWorkshop(db, event.params.id);
	if (!workshop) {
		// A deleted workshop says so (and when), rather than that it never existed.
		const deletion = await findWorkshopDeletion(db, event.params.id);
		error(
			404,
			deletion
				? translate(event.locals.locale, 'privacy.deleted.gone', {
						date: longDay(event.locals.locale, deletion.deletedAt)
					})
				: translate(event.locals.locale, 'workshop.notFound')
		);
	}
	return workshop;
}

async function linkWithQr(origin: string, token: string) {
	const link = `${origin}/join/${token}`;
	const qrSvg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { link, qr: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` };
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'workshop.view');
	const workshop = await loadWorkshop(event);
	const { db } = event.locals.services;
	const links = await getWorkshopLinks(db, workshop.id);
	const archive = await db.get<{ regenerated_at: number | null }>(
		'SELECT regenerated_at FROM archives WHERE workshop_id = ?',
		[workshop.id]
	);
	return {
		canPrivacy: can(actor, 'workshop.privacy'),
		canDelete: can(actor, 'workshop.delete'),
		namedParticipants: can(actor, 'workshop.privacy')
			? await listNamedParticipants(db, workshop.id)
			: [],
		archive: archive
			? {
					zip: `/workshops/${workshop.id}/archiv/${archiveZipName}`,
					regeneratedAt: archive.regenerated_at === null ? null : Number(archive.regenerated_at)
				}
			: null,
		workshop,
		canManage: can(actor, 'workshop.manage'),
		invites: can(actor, 'workshop.manage') ? await listInvites(db, workshop.id) : [],
		participants: can(actor, 'workshop.manage') ? await listParticipants(db, workshop.id) : [],
		lifetimes: inviteLifetimes,
		links: { districts: links.districts.map(districtKey), goalIds: links.goalIds },
		goals: (await listGoals(db)).map((g) => ({ id: g.id, title: g.title, level: g.level })),
		districts: (await registerOptions(db)).districts
	};
};

export const actions: Actions = {
	createInvite: async (event) => {
		const actor = requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const form = await event.request.formData();
		const say = (key: Parameters<typeof translate>[1]) => translate(event.locals.locale, key);
		const hours = Number(form.get('lifetimeHours'));
		const label = String(form.get('label') ?? '').trim();
		const role = form.get('role') ?? 'participant';
		if (!inviteLifetimes.includes(hours as (typeof inviteLifetimes)[number]))
			return fail(400, { message: say('invites.lifetimeInvalid') });
		if (label.length > 60) return fail(400, { message: say('invites.labelTooLong') });
		if (!isGuestRole(role)) return fail(400, { message: say('error.forbidden') });
		const { token } = await createInvite(event.locals.services.db, {
			workshopId: workshop.id,
			role,
			label,
			lifetimeMs: hours * 60 * 60 * 1000,
			createdBy: actor.userId
		});
		return { created: await linkWithQr(event.url.origin, token) };
	},
	/** The link and QR code of an invite again, as a fresh link to the same invite. */
	showInvite: async (event) => {
		requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const id = String((await event.request.formData()).get('inviteId') ?? '');
		const token = await newInviteLink(event.locals.services.db, workshop.id, id);
		if (!token) return fail(400, { message: translate(event.locals.locale, 'invites.showFailed') });
		return { created: { ...(await linkWithQr(event.url.origin, token)), inviteId: id } };
	},
	/** Which districts the workshop is for and which goals it works on. */
	saveLinks: async (event) => {
		requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const form = await event.request.formData();
		const districts = form
			.getAll('districts')
			.map((v) => parseDistrictKey(String(v)))
			.filter((d): d is DistrictKey => d !== null);
		const goalIds = form.getAll('goalIds').map(String);
		const saved = await setWorkshopLinks(event.locals.services.db, workshop.id, {
			districts,
			goalIds
		});
		if (!saved.ok)
			return fail(400, {
				linksMessage: describeFieldError(
					(key, params) => translate(event.locals.locale, key, params),
					saved.error
				),
				field: saved.error.field
			});
		return { linksSaved: true };
	},
	/** Copies the live measure plan into the register and marks the workshop closed (idempotent). */
	close: async (event) => {
		const actor = requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const say = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
			translate(event.locals.locale, key, params);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes')
			return fail(400, { closeMessage: say('measures.error.confirm'), field: 'confirm' });
		const result = await closeWorkshop(event.locals.services, workshop.id, actor);
		if (!result.ok)
			return fail(result.error === 'notFound' ? 404 : 400, {
				closeMessage:
					result.error === 'archived'
						? say('measures.workshop.archived')
						: say(result.error === 'forbidden' ? 'error.forbidden' : 'workshop.notFound'),
				field: 'confirm'
			});
		return {
			closed: {
				copied: result.report.copied,
				cleared: result.report.cleared.map(({ title, fields }) =>
					say('measures.workshop.cleared', {
						title,
						fields: fields
							.map((f) => say(`measures.field.${f}` as Parameters<typeof say>[0]))
							.join(', ')
					})
				)
			}
		};
	},
	removeParticipant: async (event) => {
		requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const id = String((await event.request.formData()).get('participantId') ?? '');
		if (!(await removeParticipant(event.locals.services, workshop.id, id)))
			return fail(400, { message: translate(event.locals.locale, 'participants.removeFailed') });
		return { removedParticipant: true };
	},
	/**
	 * DSGVO: a participant's name goes; what they wrote stays. A closed workshop's documentation
	 * is made again at once, so the stored manifest is the new one.
	 */
	removeName: async (event) => {
		requirePermission(event, 'workshop.privacy');
		const workshop = await loadWorkshop(event);
		const { db } = event.locals.services;
		const id = String((await event.request.formData()).get('participantId') ?? '');
		const removed = await removeDisplayName(db, workshop.id, id);
		if (!removed.ok)
			return fail(400, { nameMessage: translate(event.locals.locale, removed.error) });
		if (removed.regenerated) {
			const entry = await readArchive(db, workshop.id);
			if (entry) await archiveDocuments(db, entry, workshop.id);
		}
		return { nameRemoved: true };
	},
	/** Deletes the workshop after the confirming tick; leaves the audit record. */
	deleteWorkshop: async (event) => {
		const actor = requirePermission(event, 'workshop.delete');
		const workshop = await loadWorkshop(event);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes')
			return fail(400, {
				deleteMessage: translate(event.locals.locale, 'privacy.delete.confirmMissing')
			});
		const deleted = await deleteWorkshop(event.locals.services, workshop.id, actor);
		if (!deleted.ok)
			return fail(deleted.error === 'notFound' ? 404 : 403, {
				deleteMessage: translate(
					event.locals.locale,
					deleted.error === 'notFound' ? 'workshop.notFound' : 'privacy.delete.forbidden'
				)
			});
		redirect(303, `/workshops/geloescht?id=${encodeURIComponent(workshop.id)}`);
	},
	revokeInvite: async (event) => {
		requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const id = String((await event.request.formData()).get('inviteId') ?? '');
		if (!(await revokeInvite(event.locals.services, workshop.id, id)))
			return fail(400, { message: translate(event.locals.locale, 'invites.revokeFailed') });
		return { revoked: id };
	}
};
