/** The environment variables the platform reads, validated once with zod. */
import { z } from 'zod'
import { LOG_FORMATS, LOG_LEVELS } from '../../telemetry/index.ts'

const port = z.coerce.number().int().min(0).max(65535)

/** The environment as validated: names as the contract and README give them. */
export const envSchema = z.object({
  THROUGHLINE_PORT: port.default(3000),
  THROUGHLINE_OTLP_PORT: port.default(4318),
  THROUGHLINE_OTLP_GRPC_PORT: port.default(4317),
  THROUGHLINE_HOST: z.string().min(1).default('127.0.0.1'),
  THROUGHLINE_DATA: z.string().min(1).default('./data'),
  THROUGHLINE_CONFIG: z.string().min(1).optional(),
  THROUGHLINE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  THROUGHLINE_INGEST_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  THROUGHLINE_API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  THROUGHLINE_DEMO: z.enum(['0', '1', 'false', 'true']).optional(),
  THROUGHLINE_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  THROUGHLINE_LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
  THROUGHLINE_MAX_REQUEST_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** Origins whose pages may export to the OTLP/HTTP receiver from a browser: `https://shop.example.com,https://m.example.com`, or `*`. */
  THROUGHLINE_OTLP_CORS_ORIGINS: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(
      z.array(
        z.union([
          z.literal('*'),
          z.url({ protocol: /^https?$/, error: 'must be * or origins such as https://shop.example.com, comma-separated' }),
        ]),
      ),
    )
    .default([]),
  CLICKHOUSE_URL: z.url().optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .default('throughline'),
  CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .optional(),
  CLICKHOUSE_REPLICATED: z.enum(['0', '1', 'false', 'true']).optional(),
  THROUGHLINE_CHDB_CONFIG: z.string().min(1).optional(),
  CLICKHOUSE_INSERT_QUORUM: z
    .string()
    .regex(/^(auto|\d+)$/, 'must be auto or a number of replicas')
    .optional(),
})

/** The environment after validation. */
export type PlatformEnv = z.infer<typeof envSchema>
