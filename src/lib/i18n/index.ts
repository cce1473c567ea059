import { de, en, type MessageKey } from './messages';

export type { MessageKey } from './messages';
export const locales = ['de', 'en'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
	return locales.includes(value as Locale);
}

/** Looks a key up and fills `{name}` slots. Unknown keys come back as themselves, never crash. */
export function translate(
	locale: Locale,
	key: MessageKey | string,
	params: Record<string, string | number> = {}
): string {
	const table: Record<string, string> = locale === 'en' ? en : de;
	const text = table[key] ?? (de as Record<string, string>)[key] ?? key;
	return text.replace(/\{(\w+)\}/g, (slot, name: string) =>
		name in params ? String(params[name]) : slot
	);
}
