import { CreateExternalIdentities1764000011000 } from './1764000011000-create-external-identities';

export const integrationsMigrations = [CreateExternalIdentities1764000011000];
