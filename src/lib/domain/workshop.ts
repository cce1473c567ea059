/** Workshop fields as users enter them, checked before anything is stored. Pure. */
export const formats = [
	'zukunftswerkstatt',
	'sozialraumkonferenz',
	'runderTisch'
	// One line per format; its phase template is `phaseTemplates[format]` (facilitation/phases.ts).
] as const;
export type WorkshopFormat = (typeof formats)[number];

/**
 * Formats that are about particular districts and make no sense without one: a
 * Sozialraumkonferenz starts from the district's data (issue 13). Other formats may name
 * districts too, but need not.
 */
export const formatsNeedingDistricts: readonly WorkshopFormat[] = ['sozialraumkonferenz'];

/** The districts chosen for a new workshop, checked against its format (keys `level:code`). */
export function checkWorkshopDistricts(
	format: WorkshopFormat,
	districts: readonly unknown[]
): { ok: true } | { ok: false; error: 'workshop.districtsMissing' } {
	const named = districts.filter((d) => typeof d === 'string' && d.trim() !== '');
	if (formatsNeedingDistricts.includes(format) && named.length === 0)
		return { ok: false, error: 'workshop.districtsMissing' };
	return { ok: true };
}

export const workshopStatuses = ['draft', 'live', 'closed', 'archived'] as const;
export type WorkshopStatus = (typeof workshopStatuses)[number];

/** Closed and archived workshops are read-only for everyone: their results are in the register. */
export function isClosed(status: WorkshopStatus): boolean {
	return status === 'closed' || status === 'archived';
}

export interface WorkshopInput {
	title: string;
	startsOn: string | null;
	description: string;
	format: WorkshopFormat;
}

export type WorkshopInputError =
	| 'workshop.titleMissing'
	| 'workshop.titleTooLong'
	| 'workshop.dateInvalid'
	| 'workshop.descriptionTooLong'
	| 'workshop.formatUnknown'
	| 'workshop.districtsMissing';

export function parseWorkshopInput(form: {
	title?: unknown;
	startsOn?: unknown;
	description?: unknown;
	format?: unknown;
}): { ok: true; value: WorkshopInput } | { ok: false; error: WorkshopInputError } {
	const title = text(form.title).trim();
	const startsOn = text(form.startsOn).trim();
	const description = text(form.description).trim();
	const format = text(form.format) || 'zukunftswerkstatt';
	if (!title) return { ok: false, error: 'workshop.titleMissing' };
	if (title.length > 200) return { ok: false, error: 'workshop.titleTooLong' };
	if (startsOn && !isIsoDate(startsOn)) return { ok: false, error: 'workshop.dateInvalid' };
	if (description.length > 5000) return { ok: false, error: 'workshop.descriptionTooLong' };
	if (!formats.includes(format as WorkshopFormat))
		return { ok: false, error: 'workshop.formatUnknown' };
	return {
		ok: true,
		value: { title, startsOn: startsOn || null, description, format: format as WorkshopFormat }
	};
}

/** Form fields are strings; anything else (a File, a missing field) counts as empty. */
function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Invite lifetimes a facilitator can pick, in hours. */
export const inviteLifetimes = [2, 8, 24, 24 * 7, 24 * 30] as const;
