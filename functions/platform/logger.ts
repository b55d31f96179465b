/**
 * The process's one structured logger (Powertools Logger): one JSON object per line with the service
 * (POWERTOOLS_SERVICE_NAME), the Lambda context and what the caller passes. What Kawal logs is decided in
 * two places only, ./http.ts (one line per request) and ./job.ts (one line per job run): ids, route
 * templates, status codes, counts and errors, never a request or response body, a case's content, a
 * person's name or NIK, or a token. Level from POWERTOOLS_LOG_LEVEL (INFO in Lambda; see
 * ./powertools-defaults.ts off Lambda).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { powertoolsDefaults } from './powertools-defaults';

powertoolsDefaults();
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'kawal' });
