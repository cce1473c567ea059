/**
 * Dates and periods as people read them: `30.06.2026` and `12/2020` in German. The one place the
 * measures, goals and controlling views format a date, so no view writes an ISO date or makes its
 * own formatter. Pure (Intl only): shared by server and browser.
 *
 * Stored dates are ISO calendar days (`YYYY-MM-DD`) without a time zone, so they are formatted in
 * UTC: a day must not shift by one where the browser's zone is behind UTC.
 */

export type DateLocale = 'de' | 'en' | 'tr' | 'ar' | 'uk' | 'ru';

// Arabic keeps Latin digits, as the app's codes and times do (see intlTags in $lib/i18n).
const tags: Record<DateLocale, string> = {
	de: 'de-DE',
	en: 'en-GB',
	tr: 'tr-TR',
	ar: 'ar-u-nu-latn',
	uk: 'uk-UA',
	ru: 'ru-RU'
};

// A plain cache: formatters never change once made, and making one costs more than using it.
const dayFormats = new Map<DateLocale, Intl.DateTimeFormat>();

function dayFormat(locale: DateLocale): Intl.DateTimeFormat {
	let format = dayFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(tags[locale], {
			day: '2-digit',
			month: '2-digit',
			year: 'numeric',
			timeZone: 'UTC'
		});
		dayFormats.set(locale, format);
	}
	return format;
}

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day in ISO form (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
	const match = isoDay.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
	// Day 0 of the next month is the last day of this one; setUTCFullYear keeps years below 100.
	const date = new Date(0);
	date.setUTCFullYear(year, month, 0);
	return date.getUTCDate();
}

function utcDate(year: number, month: number, day: number): Date {
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return date;
}

/**
 * `2026-06-30` → `30.06.2026` (German) or `30/06/2026` (English). The parts and their order come
 * from Intl; the year is padded to four digits, as Intl writes year 999 as `999`. Anything that is
 * not an ISO day is shown as it is (a view never fails on an odd stored value); null and empty
 * become ''.
 */
export function formatDate(iso: string | null | undefined, locale: DateLocale = 'de'): string {
	if (!iso) return '';
	if (!isCalendarDay(iso)) return iso;
	const [year, month, day] = iso.split('-').map(Number);
	return dayFormat(locale)
		.formatToParts(utcDate(year, month, day))
		.map((part) => (part.type === 'year' ? part.value.padStart(4, '0') : part.value))
		.join('');
}

/**
 * A statistics period as written in the data: `2020-12` and `202012` are a month and become
 * `12/2020`; a year stays a year; a day becomes a date. Other shapes (quarters, `2019/20`) are
 * shown as they are, since only the statistics office knows what they mean.
 */
export function formatPeriod(period: string | null | undefined, locale: DateLocale = 'de'): string {
	if (!period) return '';
	const text = period.trim();
	const month = /^(\d{4})-?(\d{2})$/.exec(text);
	if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
		// Intl's own month-year form is `12.2020` in German; planners write and read `12/2020`.
		const parts = dayFormat(locale).formatToParts(utcDate(Number(month[1]), Number(month[2]), 1));
		const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
		return `${part('month')}/${part('year').padStart(4, '0')}`;
	}
	const day = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
	if (day && isCalendarDay(`${day[1]}-${day[2]}-${day[3]}`))
		return formatDate(`${day[1]}-${day[2]}-${day[3]}`, locale);
	return text;
}

/**
 * A typed date back to ISO: `2026-06-30`, `30.06.2026`, `30.6.2026` and `30. 6. 2026` are the same
 * day. Null for anything else, including days that do not exist. Used where a date is typed as
 * text (a filter link, a browser without a date picker).
 */
export function parseDateInput(text: string): string | null {
	const value = text.trim();
	if (isCalendarDay(value)) return value;
	const german = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$/.exec(value);
	if (!german) return null;
	const iso = `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}`;
	return isCalendarDay(iso) ? iso : null;
}

/** The ISO day `days` after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
	const [year, month, day] = iso.split('-').map(Number);
	const date = utcDate(year, month, day + days);
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
	const ms = (iso: string) => {
		const [year, month, day] = iso.split('-').map(Number);
		return utcDate(year, month, day).getTime();
	};
	return Math.round((ms(to) - ms(from)) / 86_400_000);
}
