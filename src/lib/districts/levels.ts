import type { MessageKey } from '$lib/i18n';

/** Level names as stored are keys; the known ones have a translated name, others show as typed. */
const known: Record<string, { one: MessageKey; many: MessageKey }> = {
	bezirk: { one: 'districts.level.bezirk', many: 'districts.levels.bezirk' },
	bezirksregion: { one: 'districts.level.bezirksregion', many: 'districts.levels.bezirksregion' },
	planungsraum: { one: 'districts.level.planungsraum', many: 'districts.levels.planungsraum' }
};

export function levelKey(level: string, plural = false): MessageKey | null {
	const entry = known[level];
	return entry ? (plural ? entry.many : entry.one) : null;
}
