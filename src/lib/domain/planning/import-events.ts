/**
 * What an import reports, shared by the server (form action and progress stream) and the page.
 * Plain data only: it travels as JSON lines.
 */
export interface UploadProblem {
	message: string;
	/** CSV line (header = 1) or GeoJSON feature number, when the problem has one. */
	line?: number | null;
	feature?: number | null;
	field?: string;
}

export interface DistrictImportOutcome {
	ok: true;
	kind: 'districts';
	fileName: string;
	level: string;
	parentLevel: string | null;
	total: number;
	added: number;
	updated: number;
	removed: number;
	orphanedValues: number;
	orphanedChildren: number;
	warnings: string[];
	ms: number;
}

export interface IndicatorImportOutcome {
	ok: true;
	kind: 'indicators';
	fileName: string;
	level: string;
	indicators: string[];
	periods: string[];
	rows: number;
	values: number;
	nullValues: number;
	replaced: number;
	invalidRows: { line: number; districtCode: string; reason: string }[];
	districtsWithoutRow: number;
	numberFormats: Record<string, 'de' | 'en'>;
	warnings: string[];
	ms: number;
}

/** A district a re-import would remove although measures, goals or workshops link to it. */
export interface LinkedRemoval {
	code: string;
	name: string;
	measures: number;
	goals: number;
	workshops: number;
}

export type ImportOutcome =
	| DistrictImportOutcome
	| IndicatorImportOutcome
	| {
			ok: false;
			errors: UploadProblem[];
			/** Set when the import only waits for the planner to confirm removing linked districts. */
			linkedRemovals?: LinkedRemoval[];
	  };

export type ImportPhase = 'check' | 'districts' | 'values';

export type ImportEvent =
	| { type: 'progress'; phase: ImportPhase; done: number; total: number }
	| { type: 'result'; outcome: ImportOutcome };
