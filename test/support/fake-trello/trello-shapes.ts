/**
 * The shapes Trello documents for its REST objects (boards, lists, cards, labels, custom fields,
 * attachments) and for the webhook body (`{ action, model }`), as far as a ticket source reads
 * them plus enough of the rest to look like the real thing.
 */

export interface TrelloLabel {
  id: string;
  idBoard: string;
  name: string;
  color: string | null;
}

export interface TrelloList {
  id: string;
  idBoard: string;
  name: string;
  closed: boolean;
  pos: number;
}

export interface TrelloCustomField {
  id: string;
  idModel: string;
  modelType: 'board';
  fieldGroup: string;
  name: string;
  pos: number;
  type: 'number' | 'text' | 'checkbox' | 'date' | 'list';
  display: { cardFront: boolean };
}

export interface TrelloCustomFieldItem {
  id: string;
  idCustomField: string;
  idModel: string;
  modelType: 'card';
  /** a number field's value is a string: { "number": "3" } */
  value: { number?: string; text?: string };
}

export interface TrelloAttachment {
  id: string;
  name: string;
  url: string;
  date: string;
  isUpload: boolean;
}

export interface TrelloCard {
  id: string;
  idShort: number;
  shortLink: string;
  shortUrl: string;
  url: string;
  name: string;
  desc: string;
  closed: boolean;
  idBoard: string;
  idList: string;
  idLabels: string[];
  labels: TrelloLabel[];
  dateLastActivity: string;
  pos: number;
  customFieldItems: TrelloCustomFieldItem[];
  attachments: TrelloAttachment[];
}

export interface TrelloBoard {
  id: string;
  name: string;
  shortLink: string;
  shortUrl: string;
  url: string;
  closed: boolean;
  idOrganization: string | null;
}

export interface TrelloMember {
  id: string;
  username: string;
  fullName: string;
  initials: string;
}

/** A card as it appears inside an action's data. */
export interface ActionCard {
  id: string;
  name?: string;
  idShort?: number;
  shortLink?: string;
  idList?: string;
  closed?: boolean;
}

export type TrelloActionType =
  | 'createCard'
  | 'updateCard'
  | 'copyCard'
  | 'moveCardToBoard'
  | 'moveCardFromBoard'
  | 'addLabelToCard'
  | 'removeLabelFromCard'
  | 'updateCustomFieldItem'
  | 'addAttachmentToCard'
  | 'deleteAttachmentFromCard'
  | 'deleteCard'
  | 'commentCard'
  | 'updateList'
  | 'addMemberToBoard';

export interface TrelloAction {
  id: string;
  idMemberCreator: string;
  type: TrelloActionType;
  date: string;
  data: {
    card?: ActionCard;
    list?: { id: string; name: string };
    listBefore?: { id: string; name: string };
    listAfter?: { id: string; name: string };
    board: { id: string; name: string; shortLink: string };
    boardTarget?: { id: string };
    label?: { id: string; name: string; color: string | null };
    customField?: { id: string; name: string; type: string };
    customFieldItem?: TrelloCustomFieldItem;
    attachment?: { id: string; name: string; url: string };
    old?: Record<string, unknown>;
    text?: string;
  };
  appCreator: null;
  limits: Record<string, never>;
  display: { translationKey: string; entities: Record<string, unknown> };
  memberCreator: TrelloMember;
}

/** What Trello POSTs to a webhook's callback URL: the action and the watched model (the board). */
export interface TrelloWebhookBody {
  action: TrelloAction;
  model: TrelloBoard;
}

export const trelloMember = (): TrelloMember => ({
  id: '5a1f3c0e8d9b7a6f5e4d3c2b',
  username: 'ada',
  fullName: 'Ada Lovelace',
  initials: 'AL',
});
