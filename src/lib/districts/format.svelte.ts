import { page } from '$app/state';

// A plain cache, not state: formatters never change once made.
const formats: Record<string, Intl.NumberFormat> = {};

/** Numbers as people read them in the chosen language: 4,23 in German, 4.23 in English. */
export function formatNumber(value: number, digits = 2): string {
	const locale = page.data.locale === 'en' ? 'en-GB' : 'de-DE';
	const key = `${locale}:${digits}`;
	formats[key] ??= new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
	return formats[key].format(value);
}
