import {
	districtKeySchema,
	goalBody,
	measureBody,
	measureStatuses,
	progressReportBody
} from '../../domain/measure-schema';
import { nullable, type ObjectSchema } from '../../domain/schema';
import { jsonBodyLimit } from './json-body';

/**
 * The API description (OpenAPI 3.1). Paths are written here next to the handlers in
 * src/routes/api/v1; every request body is the description its check reads its limits from
 * (domain/measure-schema.ts), served as it is, so the document cannot promise other limits than
 * the API keeps. JSON Schema 2020-12 types, so `type: ['string', 'null']` marks nullable fields.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (...codes: number[]) =>
	Object.fromEntries(
		codes.map((code) => [String(code), { $ref: `#/components/responses/E${code}` }])
	);
const body = (name: string) => ({
	required: true,
	content: { 'application/json': { schema: ref(name) } }
});
const ok = (description: string, schema: object, status = '200') => ({
	[status]: { description, content: { 'application/json': { schema } } }
});
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const wrap = (key: string, schema: object) => ({
	type: 'object',
	required: [key],
	properties: { [key]: schema }
});
/** PATCH bodies: the same fields, none required (the stored values fill in the rest). */
const partial = (schema: ObjectSchema): ObjectSchema => {
	const fields = { ...schema };
	delete fields.required;
	return fields;
};
const writeErrors = [400, 401, 403, 413, 415];
/** Times are ISO 8601 in UTC; calendar days (`dueOn`, `reportedOn`) are ISO dates. */
const timestamp = { type: 'string', format: 'date-time' } as const;

export const openApiDocument = {
	openapi: '3.1.0',
	info: {
		title: 'Quartierswerkstatt API',
		version: '1.0.0',
		description:
			'Districts, indicators, goals, measures and progress reports. Authenticate with `Authorization: Bearer <token>` (API keys are made on /settings/api-tokens; read or write scope) or a staff session. Bodies are JSON objects of at most ' +
			`${jsonBodyLimit / 1024} KB; texts are trimmed before their length (in characters) is checked. Every refusal is JSON: \`{ "error": { "code", "message", "field"? } }\`, where \`field\` is the path in the body that was sent (\`title\`, \`target.indicatorKey\`, \`districts[2]\`). Times (\`createdAt\`, \`updatedAt\`) are ISO 8601 timestamps in UTC; days are ISO dates.`
	},
	servers: [{ url: '/api/v1' }],
	security: [{ bearer: [] }, { session: [] }],
	paths: {
		'/districts': {
			get: {
				summary:
					'List districts (without geometry); with format=geojson one level as an RFC 7946 FeatureCollection (application/geo+json) with indicator values and the rule result as properties',
				parameters: [
					{ name: 'level', in: 'query', schema: { type: 'string' } },
					{ name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'geojson'] } },
					{
						name: 'indicators',
						in: 'query',
						description: 'geojson: comma-separated indicator keys (default: the rule’s)',
						schema: { type: 'string' }
					},
					{
						name: 'rule',
						in: 'query',
						description: 'geojson: id of a saved rule (default: the default rule)',
						schema: { type: 'string' }
					}
				],
				responses: {
					...ok('Districts', wrap('districts', { type: 'array', items: ref('District') })),
					...errors(401, 403)
				}
			}
		},
		'/districts/{level}/{code}': {
			get: {
				summary: 'One district with GeoJSON geometry',
				parameters: [
					{ name: 'level', in: 'path', required: true, schema: { type: 'string' } },
					{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }
				],
				responses: {
					...ok('District', wrap('district', ref('District'))),
					...errors(401, 403, 404)
				}
			}
		},
		'/indicators': {
			get: {
				summary: 'List indicators with their coverage',
				responses: {
					...ok('Indicators', wrap('indicators', { type: 'array', items: { type: 'object' } })),
					...errors(401, 403)
				}
			}
		},
		'/indicators/{key}/values': {
			get: {
				summary:
					'Values of one indicator across a level (latest period by default); each value has computed: true when it was rolled up from the level below instead of imported',
				parameters: [
					{ name: 'key', in: 'path', required: true, schema: { type: 'string' } },
					{ name: 'level', in: 'query', schema: { type: 'string' } },
					{ name: 'period', in: 'query', schema: { type: 'string' } }
				],
				responses: { ...ok('Series', { type: 'object' }), ...errors(401, 403, 404) }
			}
		},
		'/goals': {
			get: {
				summary: 'List goals',
				responses: {
					...ok('Goals', wrap('goals', { type: 'array', items: ref('Goal') })),
					...errors(401, 403)
				}
			},
			post: {
				summary: 'Create a goal (write scope)',
				requestBody: body('GoalInput'),
				responses: {
					...ok('Created', wrap('goal', ref('Goal')), '201'),
					...errors(...writeErrors)
				}
			}
		},
		'/goals/{id}': {
			parameters: [idParam],
			get: {
				summary: 'One goal',
				responses: { ...ok('Goal', wrap('goal', ref('Goal'))), ...errors(401, 403, 404) }
			},
			patch: {
				summary: 'Change a goal (only the fields sent)',
				requestBody: body('GoalPatch'),
				responses: { ...ok('Goal', wrap('goal', ref('Goal'))), ...errors(...writeErrors, 404) }
			},
			delete: {
				summary: 'Delete a goal without sub-goals',
				responses: { '204': { description: 'Deleted' }, ...errors(400, 401, 403, 404) }
			}
		},
		'/measures': {
			get: {
				summary:
					'The measure register, filtered; district=level:code includes the areas below it, goal=id includes its sub-goals',
				parameters: [
					'district',
					'goal',
					'status',
					'responsible',
					'dueFrom',
					'dueTo',
					'overdue',
					'workshop'
				].map((name) => ({
					name,
					in: 'query',
					schema: { type: 'string' },
					description:
						name === 'district'
							? '`level:code`'
							: name === 'overdue'
								? '`1` for overdue only'
								: undefined
				})),
				responses: {
					...ok('Measures', wrap('measures', { type: 'array', items: ref('Measure') })),
					...errors(401, 403)
				}
			},
			post: {
				summary: 'Create a measure (write scope)',
				requestBody: body('MeasureInput'),
				responses: {
					...ok('Created', wrap('measure', ref('Measure')), '201'),
					...errors(...writeErrors)
				}
			}
		},
		'/measures/{id}': {
			parameters: [idParam],
			get: {
				summary: 'One measure',
				responses: { ...ok('Measure', wrap('measure', ref('Measure'))), ...errors(401, 403, 404) }
			},
			patch: {
				summary: 'Change a measure (only the fields sent; status transitions are checked)',
				requestBody: body('MeasurePatch'),
				responses: {
					...ok('Measure', wrap('measure', ref('Measure'))),
					...errors(...writeErrors, 404)
				}
			},
			delete: {
				summary: 'Delete a measure',
				responses: { '204': { description: 'Deleted' }, ...errors(401, 403, 404) }
			}
		},
		'/measures/{id}/updates': {
			parameters: [idParam],
			get: {
				summary: 'Progress reports and status changes, newest first',
				responses: {
					...ok('Updates', wrap('updates', { type: 'array', items: ref('MeasureUpdate') })),
					...errors(401, 403, 404)
				}
			},
			post: {
				summary:
					'Add a progress report (Sachstandsmeldung), dated today or earlier. The newest report by date decides the status; `dueOn` with `dueReason` moves the due date',
				requestBody: body('ProgressReportInput'),
				responses: {
					...ok('Created', wrap('update', ref('MeasureUpdate')), '201'),
					...errors(...writeErrors, 404)
				}
			}
		}
	},
	components: {
		securitySchemes: {
			bearer: { type: 'http', scheme: 'bearer', description: 'API key from /settings/api-tokens' },
			session: {
				type: 'apiKey',
				in: 'cookie',
				name: '__Host-qw_session',
				description: 'Staff login session (plain `qw_session` where the site runs on plain http)'
			}
		},
		responses: Object.fromEntries(
			[
				[400, 'Invalid input; `field` is its path in the body'],
				[401, 'No or invalid credentials'],
				[403, 'Not allowed (role or read-only key), or a form content type from another site'],
				[404, 'Not found'],
				[413, `Body larger than ${jsonBodyLimit / 1024} KB`],
				[415, 'Body is not application/json']
			].map(([code, description]) => [
				`E${code}`,
				{ description, content: { 'application/json': { schema: ref('Error') } } }
			])
		),
		schemas: {
			MeasureInput: measureBody,
			MeasurePatch: partial(measureBody),
			GoalInput: goalBody,
			GoalPatch: partial(goalBody),
			ProgressReportInput: progressReportBody,
			DistrictKey: districtKeySchema,
			Error: {
				type: 'object',
				required: ['error'],
				properties: {
					error: {
						type: 'object',
						required: ['code', 'message'],
						properties: {
							code: { type: 'string' },
							message: { type: 'string' },
							field: { type: 'string' }
						}
					}
				}
			},
			District: {
				type: 'object',
				properties: {
					id: { type: 'string' },
					code: { type: 'string' },
					level: { type: 'string' },
					name: { type: 'string' },
					parentCode: nullable({ type: 'string' }),
					parentLevel: nullable({ type: 'string' }),
					bbox: { type: 'array', items: { type: 'number' } },
					createdAt: timestamp,
					geometry: { type: 'object', description: 'GeoJSON (single district only)' }
				}
			},
			Goal: {
				type: 'object',
				properties: {
					id: { type: 'string' },
					...goalBody.properties,
					createdAt: timestamp,
					updatedAt: timestamp
				}
			},
			Measure: {
				type: 'object',
				properties: {
					id: { type: 'string' },
					...measureBody.properties,
					originWorkshopId: nullable({ type: 'string' }),
					originWorkshopTitle: nullable({ type: 'string' }),
					originPhase: nullable({ type: 'string' }),
					originCards: {
						type: 'array',
						items: {
							type: 'object',
							properties: { id: { type: 'string' }, text: { type: 'string' } }
						}
					},
					progress: nullable({ type: 'integer' }),
					lastReportOn: nullable({ type: 'string', format: 'date' }),
					createdAt: timestamp,
					updatedAt: timestamp
				}
			},
			MeasureUpdate: {
				type: 'object',
				properties: {
					id: { type: 'string' },
					measureId: { type: 'string' },
					kind: { enum: ['report', 'status'] },
					reportedOn: { type: 'string', format: 'date' },
					status: { enum: measureStatuses },
					progress: nullable({ type: 'integer' }),
					note: { type: 'string' },
					dueMove: nullable({
						type: 'object',
						description: 'the report moved the due date',
						properties: {
							from: nullable({ type: 'string', format: 'date' }),
							to: { type: 'string', format: 'date' },
							reason: { type: 'string' }
						}
					}),
					authorName: { type: 'string' },
					createdAt: timestamp
				}
			}
		}
	}
} as const;
