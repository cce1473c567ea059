/**
 * The saved "besonders belastet" rules (table planning_rules). Every change runs in one transaction
 * behind one lock, so two planners saving the same name at once cannot both win, and there is never
 * more than one default. The checks are in domain/planning/saved-rules.ts.
 */
import type { Db, Queryable } from '../db/adapter';
import { newId } from '../../ids';
import { translate, type MessageKey } from '../../i18n';
import {
	checkRuleInput,
	ruleNameKey,
	type RuleField,
	type SavedRule
} from '../../domain/planning/saved-rules';

/** A refusal carries a message key for the page (de/en) and the German message for the API. */
export type RuleChange =
	| { ok: true; rule: SavedRule }
	| {
			ok: false;
			field?: RuleField;
			key: MessageKey;
			params: Record<string, string | number>;
			message: string;
	  };

interface RuleRow {
	id: string;
	name: string;
	indicator_keys: string;
	min_count: number;
	threshold: number;
	is_default: number;
}

const toRule = (row: RuleRow): SavedRule => ({
	id: row.id,
	name: row.name,
	keys: JSON.parse(row.indicator_keys) as string[],
	minCount: Number(row.min_count),
	threshold: Number(row.threshold),
	isDefault: Number(row.is_default) === 1
});

/** The default first, then by name. */
export async function listRules(db: Queryable): Promise<SavedRule[]> {
	const rows = await db.all<RuleRow>(
		'SELECT id, name, indicator_keys, min_count, threshold, is_default FROM planning_rules ORDER BY is_default DESC, name_key'
	);
	return rows.map(toRule);
}

export async function getRule(db: Queryable, id: string): Promise<SavedRule | null> {
	const row = await db.get<RuleRow>(
		'SELECT id, name, indicator_keys, min_count, threshold, is_default FROM planning_rules WHERE id = ?',
		[id]
	);
	return row ? toRule(row) : null;
}

async function knownIndicatorKeys(db: Queryable): Promise<string[]> {
	const rows = await db.all<{ key: string }>('SELECT key FROM indicators');
	return rows.map((row) => row.key);
}

/**
 * Saves a new rule, or changes the rule `id`. The first rule saved becomes the default, since a
 * city with one rule means that one; `makeDefault` moves the default to this rule.
 */
export async function saveRule(
	db: Db,
	raw: Record<string, unknown>,
	options: { id?: string; makeDefault?: boolean; createdBy: string | null }
): Promise<RuleChange> {
	return db.transaction(async (tx) => {
		await tx.lockKey('planning-rules');
		const existing = await listRules(tx);
		const own = options.id ? existing.find((rule) => rule.id === options.id) : undefined;
		if (options.id && !own) {
			return {
				ok: false,
				key: 'rules.error.gone',
				params: {},
				message: translate('de', 'rules.error.gone')
			};
		}
		const checked = checkRuleInput(
			raw,
			await knownIndicatorKeys(tx),
			existing.filter((rule) => rule.id !== options.id).map((rule) => rule.name)
		);
		if (!checked.ok) {
			const { field, key, params, message } = checked;
			return { ok: false, field, key, params, message };
		}
		const { name, keys, minCount, threshold } = checked.value;
		const now = Date.now();
		const isDefault = options.makeDefault || existing.length === 0 || own?.isDefault === true;
		if (isDefault) await tx.run('UPDATE planning_rules SET is_default = 0 WHERE is_default = 1');
		const id = own?.id ?? newId();
		if (own) {
			await tx.run(
				`UPDATE planning_rules SET name = ?, name_key = ?, indicator_keys = ?, min_count = ?,
				threshold = ?, is_default = ?, updated_at = ? WHERE id = ?`,
				[
					name,
					ruleNameKey(name),
					JSON.stringify(keys),
					minCount,
					threshold,
					isDefault ? 1 : 0,
					now,
					id
				]
			);
		} else {
			await tx.run(
				`INSERT INTO planning_rules (id, name, name_key, indicator_keys, min_count, threshold,
				is_default, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				[
					id,
					name,
					ruleNameKey(name),
					JSON.stringify(keys),
					minCount,
					threshold,
					isDefault ? 1 : 0,
					options.createdBy,
					now,
					now
				]
			);
		}
		return { ok: true, rule: { id, name, keys, minCount, threshold, isDefault } };
	});
}

export async function setDefaultRule(db: Db, id: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		await tx.lockKey('planning-rules');
		if (!(await getRule(tx, id))) return false;
		await tx.run('UPDATE planning_rules SET is_default = 0 WHERE is_default = 1');
		await tx.run('UPDATE planning_rules SET is_default = 1 WHERE id = ?', [id]);
		return true;
	});
}

/** Deleting the default hands it to the first remaining rule by name, so a saved rule stays in use. */
export async function deleteRule(db: Db, id: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		await tx.lockKey('planning-rules');
		const rule = await getRule(tx, id);
		if (!rule) return false;
		await tx.run('DELETE FROM planning_rules WHERE id = ?', [id]);
		if (rule.isDefault) {
			const next = (await listRules(tx))[0];
			if (next) await tx.run('UPDATE planning_rules SET is_default = 1 WHERE id = ?', [next.id]);
		}
		return true;
	});
}
