/**
 * First guesses for a column's unit and polarity, read from its header. They are proposals in the
 * mapping step, which the planner confirms or changes; a wrong guess costs one click there, but a
 * wrong polarity that nobody noticed would turn the "besonders belastet" rule upside down for that
 * indicator. So the guesses are cautious: when the header does not say, they say "unknown".
 */
import type { Polarity } from './deprivation';

export type UnitGuess = 'percent' | 'count' | 'perThousand' | 'none';

/** The unit text stored with the indicator (`indicators.unit`) for each guess. */
export const unitTexts: Record<UnitGuess, string> = {
	percent: '%',
	count: 'Anzahl',
	perThousand: 'je 1.000',
	none: ''
};

/**
 * `unknown` is not a polarity the rule can use: the planner has to choose before the column counts
 * in a rule. It is the default on purpose — the old default "higher is worse" was right for the MSS
 * status indicators and wrong for population, life expectancy or Kita places.
 */
export type PolarityGuess = Polarity | 'unknown';

/** Headers are matched in this spelling: lowercase, umlauts and ß folded, one space between words. */
function foldHeader(header: string): string {
	return header
		.normalize('NFC')
		.toLocaleLowerCase('de-DE')
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.replace(/\s+/g, ' ')
		.trim();
}

// Per 1,000 comes first: "Geburten je 1.000 Einwohner" is a rate, although it names Einwohner.
const perThousandPattern = /(je|pro|auf|per) ?(1\.000|1000|1 000|tsd\.?|tausend)\b|‰|promille/;
// "Quote" and "Anteil" also inside words: Arbeitslosenquote, Ausländeranteil. `v. H.` is "vom Hundert".
const percentPattern = /%|prozent|anteil|quote|v\. ?h\./;
const countPattern = /anzahl|einwohner|bevoelkerung|personen|haushalte|absolut|\b(ew|anz)\b/;

/**
 * `Anteil`, `Quote`, `%` → percent; `Anzahl`, `Einwohner` → count; `je 1.000` / `pro 1000` → per
 * 1,000; anything else → none (a blank unit is honest, a wrong `%` is not).
 */
export function guessUnit(header: string): UnitGuess {
	const folded = foldHeader(header);
	if (perThousandPattern.test(folded)) return 'perThousand';
	if (percentPattern.test(folded)) return 'percent';
	if (countPattern.test(folded)) return 'count';
	return 'none';
}

/**
 * Words that make "higher is worse" clear in German social reporting: unemployment, transfer
 * benefits (SGB II/XII, Grundsicherung, Hartz IV, Bedarfsgemeinschaften), poverty, over-indebtedness.
 * These are the status indicators of the MSS and of most municipal social reports.
 */
const worsePattern =
	/arbeitslos|erwerbslos|transfer|sgb[ -]?(ii|xii|2|12)\b|hartz|\balg[ -]?(ii|2)\b|grundsicherung|mindestsicherung|sozialhilfe|bedarfsgemeinschaft|armut|ueberschuld|leistungsbezug|leistungsempfaeng/;
/** Clear "higher is better": employment, school success, life expectancy, care coverage. */
const betterPattern =
	/beschaeftigungsquote|erwerbstaetigenquote|erwerbsquote|lebenserwartung|abitur|hochschulreife|gymnasialempfehlung|betreuungsquote|versorgungsquote/;

/**
 * `Arbeitslos…`, `Transferbezug`, `SGB II` … → higher is worse; `Beschäftigungsquote`,
 * `Lebenserwartung` … → higher is better; anything else → unknown. Population, age groups, migration
 * background, single parents or foreigners are deliberately unknown: they describe a district, they
 * are not good or bad, and whether a planner uses them as a need indicator is the planner's call.
 * A change column ("Veränderung Arbeitslose") keeps the polarity of what changes.
 */
export function guessPolarity(header: string): PolarityGuess {
	const folded = foldHeader(header);
	if (worsePattern.test(folded)) return 'higherIsWorse';
	if (betterPattern.test(folded)) return 'higherIsBetter';
	return 'unknown';
}
