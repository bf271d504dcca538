import { CreateWebhooks1764000010000 } from './1764000010000-create-webhooks';

export const integrationsMigrations = [CreateWebhooks1764000010000];
