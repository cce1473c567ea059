import { page } from '$app/state';
import { formatDate, formatPeriod } from '$lib/domain/dates';
import { toLocale } from '$lib/i18n';

/** Dates and periods in the page's language, for the measures and goals views (see domain/dates). */
const pageLocale = () => toLocale(page.data.locale);

export const showDate = (iso: string | null | undefined) => formatDate(iso, pageLocale());
export const showPeriod = (period: string | null | undefined) => formatPeriod(period, pageLocale());
