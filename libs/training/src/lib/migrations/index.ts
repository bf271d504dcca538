import { CreateTraining1764000000600 } from './1764000000600-create-training';

export const trainingMigrations = [CreateTraining1764000000600];
