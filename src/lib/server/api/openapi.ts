import { goalLevels, goalStatuses, measureStatuses } from '../../domain/measures';

/**
 * The API description (OpenAPI 3.1), written by hand next to the handlers in src/routes/api/v1.
 * JSON Schema 2020-12 types, so `type: ['string', 'null']` marks nullable fields.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({
	type: [type, 'null'],
	...extra
});
const date = { type: 'string', format: 'date' };
const errors = (...codes: number[]) =>
	Object.fromEntries(
		codes.map((code) => [String(code), { $ref: `#/components/responses/E${code}` }])
	);
const body = (schema: object) => ({
	required: true,
	content: { 'application/json': { schema } }
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

const districtKey = {
	type: 'object',
	required: ['level', 'code'],
	properties: { level: { type: 'string' }, code: { type: 'string' } }
};

const measureInput = {
	type: 'object',
	properties: {
		title: { type: 'string', maxLength: 200 },
		description: { type: 'string', maxLength: 5000 },
		responsible: { type: 'string', maxLength: 500 },
		partners: { type: 'string', maxLength: 500 },
		startOn: nullable('string', { format: 'date' }),
		dueOn: nullable('string', { format: 'date', description: 'not before startOn' }),
		budget: nullable('number', { minimum: 0, description: 'euros' }),
		staffHours: nullable('number', { minimum: 0 }),
		rooms: { type: 'string' },
		status: { enum: measureStatuses },
		targetGroups: { type: 'string' },
		quickWin: { type: 'boolean' },
		goalIds: { type: 'array', items: { type: 'string' } },
		districts: { type: 'array', items: districtKey }
	}
};

const goalInput = {
	type: 'object',
	properties: {
		title: { type: 'string', maxLength: 200 },
		description: { type: 'string' },
		level: { enum: goalLevels },
		parentId: nullable('string', {
			description: 'required for strategic (parent: leitbild) and operative (parent: strategic)'
		}),
		status: { enum: goalStatuses },
		citywide: { type: 'boolean' },
		districts: { type: 'array', items: districtKey },
		target: {
			oneOf: [
				{ type: 'null' },
				{
					type: 'object',
					required: ['indicatorKey', 'value', 'year'],
					properties: {
						indicatorKey: { type: 'string' },
						value: { type: 'number' },
						year: { type: 'integer', minimum: 1990, maximum: 2100 }
					}
				}
			]
		}
	}
};

export const openApiDocument = {
	openapi: '3.1.0',
	info: {
		title: 'Quartierswerkstatt API',
		version: '1.0.0',
		description:
			'Districts, indicators, goals, measures and progress reports. Authenticate with `Authorization: Bearer <token>` (API keys are made on /settings/api-tokens; read or write scope) or a staff session. Errors: `{ "error": { "code", "message", "field"? } }`.'
	},
	servers: [{ url: '/api/v1' }],
	security: [{ bearer: [] }, { session: [] }],
	paths: {
		'/districts': {
			get: {
				summary: 'List districts (without geometry)',
				parameters: [{ name: 'level', in: 'query', schema: { type: 'string' } }],
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
				summary: 'Values of one indicator across a level (latest period by default)',
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
				requestBody: body({ ...goalInput, required: ['title', 'level'] }),
				responses: {
					...ok('Created', wrap('goal', ref('Goal')), '201'),
					...errors(400, 401, 403, 415)
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
				requestBody: body(goalInput),
				responses: { ...ok('Goal', wrap('goal', ref('Goal'))), ...errors(400, 401, 403, 404, 415) }
			},
			delete: {
				summary: 'Delete a goal without sub-goals',
				responses: { '204': { description: 'Deleted' }, ...errors(400, 401, 403, 404) }
			}
		},
		'/measures': {
			get: {
				summary: 'The measure register, filtered',
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
				requestBody: body({ ...measureInput, required: ['title'] }),
				responses: {
					...ok('Created', wrap('measure', ref('Measure')), '201'),
					...errors(400, 401, 403, 415)
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
				requestBody: body(measureInput),
				responses: {
					...ok('Measure', wrap('measure', ref('Measure'))),
					...errors(400, 401, 403, 404, 415)
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
				summary: 'Add a progress report (Sachstandsmeldung); its status becomes the measure status',
				requestBody: body({
					type: 'object',
					required: ['reportedOn', 'progress'],
					properties: {
						reportedOn: date,
						progress: { type: 'integer', minimum: 0, maximum: 100 },
						status: { enum: measureStatuses },
						note: { type: 'string', maxLength: 2000 }
					}
				}),
				responses: {
					...ok('Created', wrap('update', ref('MeasureUpdate')), '201'),
					...errors(400, 401, 403, 404, 415)
				}
			}
		}
	},
	components: {
		securitySchemes: {
			bearer: { type: 'http', scheme: 'bearer', description: 'API key from /settings/api-tokens' },
			session: { type: 'apiKey', in: 'cookie', name: 'qw_session' }
		},
		responses: Object.fromEntries(
			[
				[400, 'Invalid input; `field` names the field'],
				[401, 'No or invalid credentials'],
				[403, 'Not allowed (role or read-only key)'],
				[404, 'Not found'],
				[415, 'Body is not application/json']
			].map(([code, description]) => [
				`E${code}`,
				{ description, content: { 'application/json': { schema: ref('Error') } } }
			])
		),
		schemas: {
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
					parentCode: nullable('string'),
					parentLevel: nullable('string'),
					bbox: { type: 'array', items: { type: 'number' } },
					geometry: { type: 'object', description: 'GeoJSON (single district only)' }
				}
			},
			Goal: {
				...goalInput,
				properties: {
					id: { type: 'string' },
					...goalInput.properties,
					createdAt: { type: 'integer', description: 'ms since 1970' },
					updatedAt: { type: 'integer' }
				}
			},
			Measure: {
				...measureInput,
				properties: {
					id: { type: 'string' },
					...measureInput.properties,
					originWorkshopId: nullable('string'),
					originWorkshopTitle: nullable('string'),
					originPhase: nullable('string'),
					originCards: {
						type: 'array',
						items: {
							type: 'object',
							properties: { id: { type: 'string' }, text: { type: 'string' } }
						}
					},
					progress: nullable('integer'),
					lastReportOn: nullable('string', { format: 'date' }),
					createdAt: { type: 'integer' },
					updatedAt: { type: 'integer' }
				}
			},
			MeasureUpdate: {
				type: 'object',
				properties: {
					id: { type: 'string' },
					measureId: { type: 'string' },
					kind: { enum: ['report', 'status'] },
					reportedOn: date,
					status: { enum: measureStatuses },
					progress: nullable('integer'),
					note: { type: 'string' },
					authorName: { type: 'string' },
					createdAt: { type: 'integer' }
				}
			}
		}
	}
} as const;
