import { z } from 'zod';

export const templateTasks = ['generate', 'review', 'complete', 'chat'] as const;
export const templateOutputs = ['files', 'code'] as const;
export const variableTypes = ['string', 'number', 'boolean', 'string[]', 'enum'] as const;
export type VariableType = (typeof variableTypes)[number];

/** Names every template body can use without declaring them. */
export const builtinViewNames = ['spec', 'targetFile', 'targetLanguage', 'withTests'] as const;

const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const variableName = /^[A-Za-z][A-Za-z0-9_]*$/;

export const variableSpecSchema = z
  .strictObject({
    type: z.enum(variableTypes),
    values: z.array(z.string().min(1)).min(1).optional(),
    required: z.boolean().default(false),
    default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
    description: z.string().default(''),
  })
  .refine((v) => (v.type === 'enum') === (v.values !== undefined), {
    message: 'an enum variable needs `values` (and only enums have them)',
  })
  .refine((v) => !(v.required && v.default !== undefined), {
    message: 'a required variable cannot have a default',
  });
export type VariableSpec = z.infer<typeof variableSpecSchema>;

export const modelHintsSchema = z.looseObject({
  temperature: z.number().min(0).max(2).optional(),
  preferred: z.array(z.string().min(1)).optional(),
  maxOutputTokens: z.number().int().positive().optional(),
});

export const frontMatterSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. unit-tests)'),
  version: z
    .string({ error: 'use a semantic version such as 1.0.0 (a string; quote it in YAML)' })
    .regex(semver, 'use a semantic version such as 1.0.0 (quote it in YAML)'),
  task: z.enum(templateTasks),
  description: z.string().min(1),
  variables: z
    .record(z.string().regex(variableName, 'variable names are identifiers'), variableSpecSchema)
    .default({}),
  modelHints: modelHintsSchema.default({}),
  output: z.enum(templateOutputs),
  withTests: z.boolean().default(false),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** A parsed, validated template. */
export interface Template extends FrontMatter {
  /** The logic-less (Mustache) body. */
  body: string;
  /** sha256 (hex) of the whole template file, front matter included. */
  hash: string;
  /** `builtin` or the template file's path. */
  origin: string;
}
