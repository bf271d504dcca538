import { CreateTraining1764000000600 } from './1764000000600-create-training';
import { CreateTrainingOverdueNotices1764000013120 } from './1764000013120-create-training-overdue-notices';

export const trainingMigrations = [CreateTraining1764000000600, CreateTrainingOverdueNotices1764000013120];
