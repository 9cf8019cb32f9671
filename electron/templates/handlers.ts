import type { templatesMethods } from '../../shared/api/templates';
import type { HandlersOf } from '../core/handlers';
import { copyTemplate, saveTemplateCopy, setTemplateInUse } from './copies';
import { getTemplateSource, listTemplates } from './list';
import { previewTemplate } from './preview';

/** The handlers of templates: one for each method of the slice. */
export const templatesHandlers = {
  listTemplates,
  getTemplateSource,
  copyTemplate,
  saveTemplateCopy,
  previewTemplate,
  setTemplateInUse,
} satisfies HandlersOf<typeof templatesMethods>;
