import { error, fail } from '@sveltejs/kit';
import { checkEntryInput } from '$lib/domain/inventory/entry';
import { can } from '$lib/domain/roles';
import { translate, type MessageKey } from '$lib/i18n';
import { formToRaw } from '$lib/server/form-input';
import { requirePermission } from '$lib/server/guards';
import {
	importInventoryCsv,
	maxInventoryUpload,
	resolveDistrict
} from '$lib/server/inventory/planner';
import {
	addInventoryEntry,
	deleteInventoryEntry,
	getInventoryEntry,
	listInventory,
	updateInventoryEntry
} from '$lib/server/inventory/store';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The planners' inventory of a district (issue 13): list, add, change, delete and import from
 * CSV, outside any workshop. Everyone on staff may look; only planners and admins change it
 * (`planning.manage`), checked in every action, not only by hiding the forms.
 */
async function districtOf(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const district = await resolveDistrict(
		event.locals.services.db,
		event.params.code,
		event.url.searchParams.get('ebene')
	);
	if (!district) error(404, translate(event.locals.locale, 'district.notFound'));
	return district;
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.view');
	const district = await districtOf(event);
	const entries = await listInventory(event.locals.services.db, [district]);
	return {
		district: { code: district.code, level: district.level, name: district.name },
		// Who added an entry live stays on the server.
		entries: entries.map((e) => ({ ...e, addedBy: null })),
		mayManage: can(actor, 'planning.manage')
	};
};

const say = (event: RequestEvent, key: string, params: Record<string, string | number> = {}) =>
	translate(event.locals.locale, key as MessageKey, params);

async function entryFromForm(event: RequestEvent, form: FormData) {
	const raw = formToRaw(form);
	const checked = checkEntryInput(raw);
	if (checked.ok) return { ok: true as const, value: checked.value, raw };
	const { field, key, params } = checked.error;
	return {
		ok: false as const,
		raw,
		problem: {
			field,
			message: say(event, key, { field: say(event, `inventory.field.${field}`), ...params })
		}
	};
}

export const actions: Actions = {
	add: async (event) => {
		requirePermission(event, 'planning.manage');
		const district = await districtOf(event);
		const entry = await entryFromForm(event, await event.request.formData());
		if (!entry.ok) return fail(400, { form: 'add', values: entry.raw, problem: entry.problem });
		await addInventoryEntry(event.locals.services.db, district, entry.value);
		return { done: say(event, 'inventory.page.added', { name: entry.value.name }) };
	},
	edit: async (event) => {
		requirePermission(event, 'planning.manage');
		const district = await districtOf(event);
		const form = await event.request.formData();
		const id = String(form.get('id') ?? '');
		const existing = await getInventoryEntry(event.locals.services.db, id);
		if (
			!existing ||
			existing.district.code !== district.code ||
			existing.district.level !== district.level
		)
			return fail(404, { done: null, refused: [say(event, 'inventory.error.gone')] });
		const entry = await entryFromForm(event, form);
		if (!entry.ok) return fail(400, { form: id, values: entry.raw, problem: entry.problem });
		await updateInventoryEntry(event.locals.services.db, id, entry.value);
		return { done: say(event, 'inventory.page.updated', { name: entry.value.name }) };
	},
	delete: async (event) => {
		requirePermission(event, 'planning.manage');
		const district = await districtOf(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		const existing = await getInventoryEntry(event.locals.services.db, id);
		if (
			!existing ||
			existing.district.code !== district.code ||
			existing.district.level !== district.level
		)
			return fail(404, { done: null, refused: [say(event, 'inventory.error.gone')] });
		await deleteInventoryEntry(event.locals.services.db, id);
		return { done: say(event, 'inventory.page.deleted') };
	},
	import: async (event) => {
		requirePermission(event, 'planning.manage');
		const district = await districtOf(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { refused: [say(event, 'inventory.csv.noFile')] });
		if (file.size > maxInventoryUpload)
			return fail(400, { refused: [say(event, 'inventory.csv.unreadable', { detail: '> 2 MB' })] });
		const outcome = await importInventoryCsv(
			event.locals.services.db,
			district,
			new Uint8Array(await file.arrayBuffer())
		);
		if (!outcome.ok)
			return fail(400, {
				refused: outcome.problems.map((p) => {
					const message = say(event, p.key, {
						field: p.field ? say(event, `inventory.field.${p.field}`) : '',
						...p.params
					});
					return p.line > 0 ? say(event, 'inventory.csv.row', { line: p.line, message }) : message;
				})
			});
		return {
			done:
				outcome.imported === 1
					? say(event, 'inventory.csv.doneOne')
					: say(event, 'inventory.csv.done', { n: outcome.imported }),
			warnings: outcome.warnings
		};
	}
};
