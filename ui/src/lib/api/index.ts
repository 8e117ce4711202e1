// The one door to the backend. Everything else imports from here, never from
// bindings.ts: results are unwrapped into data, or an ApiFailure is thrown.

import { Channel } from "@tauri-apps/api/core";
import { commands } from "./bindings";
import type {
  ApiError,
  AppStatus_Serialize,
  ConsentEvent_Serialize,
  FileKind,
  FormContent,
  FormRef,
  FormSummary_Serialize,
  FormVersion,
  Group,
  Guardian,
  InitRequest_Deserialize,
  Lang,
  NewPerson_Deserialize,
  Organisation,
  PeopleFilter_Deserialize,
  PersonPage_Serialize,
  PersonSummary_Serialize,
  Person_Serialize,
  RecordRequest_Deserialize,
  RosterReport,
  Session,
  WithdrawRequest_Deserialize,
  ItemStatus_Serialize,
  BoxInput,
  ExportReport_Serialize,
  ImportProgress,
  NewNotice_Deserialize,
  NoticeRow,
  PhotoCheck_Serialize,
  PhotoChoices,
  PhotoDetail_Serialize,
  PhotoFilter_Deserialize,
  PhotoImportReport,
  PhotoPage_Serialize,
  Photo_Serialize,
  PublicationInfo_Serialize,
  Tag_Serialize,
  Takedown_Serialize,
  BatchProgress,
  BatchReport_Serialize,
  DossierReport,
  FormPrintReport,
  FormTarget,
  ReconsentLine_Serialize,
  ReconsentPrintReport_Serialize,
  LeaverPhotos,
} from "./bindings";

// Friendlier names for the shapes the UI receives and sends.
export type AppStatus = AppStatus_Serialize;
export type PersonPage = PersonPage_Serialize;
export type Person = Person_Serialize;
export type PersonSummary = PersonSummary_Serialize;
export type ConsentEvent = ConsentEvent_Serialize;
export type ItemStatus = ItemStatus_Serialize;
export type FormSummary = FormSummary_Serialize;
export type InitRequest = InitRequest_Deserialize;
export type NewPerson = NewPerson_Deserialize;
export type PeopleFilter = PeopleFilter_Deserialize;
export type RecordRequest = RecordRequest_Deserialize;
export type WithdrawRequest = WithdrawRequest_Deserialize;
export type Photo = Photo_Serialize;
export type PhotoDetail = PhotoDetail_Serialize;
export type PhotoFilter = PhotoFilter_Deserialize;
export type PhotoPage = PhotoPage_Serialize;
export type PhotoCheck = PhotoCheck_Serialize;
export type Tag = Tag_Serialize;
export type ExportReport = ExportReport_Serialize;
export type NewNotice = NewNotice_Deserialize;
export type Publication = PublicationInfo_Serialize;
export type Takedown = Takedown_Serialize;
export type BatchReport = BatchReport_Serialize;
export type ReconsentLine = ReconsentLine_Serialize;
export type ReconsentPrintReport = ReconsentPrintReport_Serialize;
export type {
  Answer,
  AnswerInput,
  ApiError,
  Choice,
  EventKind,
  FileKind,
  FormContent,
  FormRef,
  FormVersion,
  GivenByRole,
  Group,
  Guardian,
  ItemKey,
  Jurisdiction,
  Label,
  Lang,
  Membership_Serialize as Membership,
  Method,
  Organisation,
  PersonKind,
  RosterReport,
  Session,
  Status,
  Term,
  BoxInput,
  FailedFile,
  ImportedPhoto,
  ImportProgress,
  LineStatus,
  NoticeRow,
  Outcome,
  PhotoBox,
  PhotoChoices,
  PhotoImportReport,
  PersonLine_Serialize as PersonLine,
  PhotoSummary_Serialize as PhotoSummary,
  Rule,
  TakedownPerson_Serialize as TakedownPerson,
  Verdict_Serialize as Verdict,
  BatchProgress,
  DossierReport,
  Fingerprint,
  FormPrintReport,
  FormTarget,
  LeaverPhotos,
  ReconsentReason,
  SkippedPhoto,
} from "./bindings";

/** A refusal or failure from the backend: `code` is for logic, `message` for people. */
export class ApiFailure extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ApiFailure";
    this.code = code;
  }
}

/** Code used when the backend could not be reached or answered something unexpected. */
export const UNKNOWN = "ui.unknown";

function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && typeof (e as ApiError).code === "string" && typeof (e as ApiError).message === "string";
}

/** Turn anything thrown into an ApiFailure, so callers handle one kind. */
export function toFailure(e: unknown): ApiFailure {
  if (e instanceof ApiFailure) return e;
  if (isApiError(e)) return new ApiFailure(e.code, e.message);
  if (e instanceof Error) return new ApiFailure(UNKNOWN, e.message);
  return new ApiFailure(UNKNOWN, String(e));
}

// Session loss is handled in one place (back to the login screen).
type Listener = () => void;
const authListeners = new Set<Listener>();
export function onAuthRequired(listener: Listener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: ApiError };

async function unwrap<T>(call: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call();
  } catch (e) {
    throw toFailure(e);
  }
  if (result.status === "ok") return result.data;
  const failure = toFailure(result.error);
  if (failure.code === "auth.required") authListeners.forEach((l) => l());
  throw failure;
}

async function plain<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw toFailure(e);
  }
}

// ----- session ---------------------------------------------------------------
export const appStatus = (): Promise<AppStatus> => plain(() => commands.appStatus());
export const setLanguage = (lang: Lang): Promise<void> => plain(() => commands.setLanguage(lang));
export const setup = (request: InitRequest): Promise<Session> => unwrap(() => commands.setup(request));
export const login = (username: string, password: string): Promise<Session> => unwrap(() => commands.login(username, password));
export const logout = (): Promise<void> => plain(() => commands.logout());
export const updateOrganisation = (o: Organisation): Promise<Organisation> => unwrap(() => commands.updateOrganisation(o));

// ----- people ----------------------------------------------------------------
export const groups = (): Promise<Group[]> => unwrap(() => commands.groups());
export const addGroup = (name: string): Promise<Group> => unwrap(() => commands.addGroup(name));
export const people = (filter: PeopleFilter): Promise<PersonSummary[]> => unwrap(() => commands.people(filter));
export const addPerson = (person: NewPerson): Promise<number> => unwrap(() => commands.addPerson(person));
export const addGuardian = (person: number, name: string): Promise<Guardian> => unwrap(() => commands.addGuardian(person, name));
export const setLeaveDate = (person: number, date: string): Promise<null> => unwrap(() => commands.setLeaveDate(person, date));
export const personPage = (person: number, at: string | null): Promise<PersonPage> => unwrap(() => commands.personPage(person, at));

// ----- consent ---------------------------------------------------------------
export const recordConsent = (request: RecordRequest): Promise<number> => unwrap(() => commands.recordConsent(request));
export const withdrawConsent = (request: WithdrawRequest): Promise<number> => unwrap(() => commands.withdrawConsent(request));
/** Marks an entry made in error as void; the history keeps both. */
export const voidConsentEvent = (person: number, event: number, reason: string): Promise<number> =>
  unwrap(() => commands.voidConsentEvent(person, event, reason));

// ----- forms -----------------------------------------------------------------
export const forms = (): Promise<FormSummary[]> => unwrap(() => commands.forms());
export const form = (id: number, version: number | null): Promise<FormVersion> => unwrap(() => commands.form(id, version));
export const formVersions = (id: number): Promise<FormVersion[]> => unwrap(() => commands.formVersions(id));
export const createForm = (content: FormContent): Promise<FormRef> => unwrap(() => commands.createForm(content));
export const saveForm = (id: number, content: FormContent): Promise<FormRef> => unwrap(() => commands.saveForm(id, content));
export const setFormActive = (id: number, active: boolean): Promise<null> => unwrap(() => commands.setFormActive(id, active));
export const formFromToml = (text: string): Promise<FormContent> => unwrap(() => commands.formFromToml(text));

// ----- files -----------------------------------------------------------------
export const pickFile = (kind: FileKind): Promise<string | null> => unwrap(() => commands.pickFile(kind));
export const importRoster = (path: string, dryRun: boolean): Promise<RosterReport> => unwrap(() => commands.importRoster(path, dryRun));
export const importFormFile = (): Promise<FormRef | null> => unwrap(() => commands.importFormFile());
export const exportFormFile = (id: number, version: number | null): Promise<string | null> => unwrap(() => commands.exportFormFile(id, version));

// ----- photos ----------------------------------------------------------------
export const pickPhotos = (folder: boolean): Promise<string[]> => unwrap(() => commands.pickPhotos(folder));
export const photos = (filter: PhotoFilter): Promise<PhotoPage> => unwrap(() => commands.photos(filter));
export const photoDetail = (photo: number): Promise<PhotoDetail> => unwrap(() => commands.photoDetail(photo));
export const photoChoices = (): Promise<PhotoChoices> => unwrap(() => commands.photoChoices());
/** Import files and folders; `onProgress` hears about every file as it is done. */
export const importPhotos = (paths: string[], onProgress: (p: ImportProgress) => void): Promise<PhotoImportReport> => {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return unwrap(() => commands.importPhotos(paths, channel));
};
export const cancelImport = (): Promise<void> => plain(() => commands.cancelImport());
export const setPhoto = (photo: number, photoType: string | null, posed: boolean | null): Promise<Photo> =>
  unwrap(() => commands.setPhoto(photo, photoType, posed));
export const tagPhoto = (photo: number, person: number, area: BoxInput | null, highlighted: boolean): Promise<Tag[]> =>
  unwrap(() => commands.tagPhoto(photo, person, area, highlighted));
export const markUnknown = (photo: number, area: BoxInput): Promise<Tag[]> => unwrap(() => commands.markUnknown(photo, area));
export const identifyBox = (photo: number, tag: number, person: number, highlighted: boolean): Promise<Tag[]> =>
  unwrap(() => commands.identifyBox(photo, tag, person, highlighted));
export const removeTag = (photo: number, tag: number): Promise<Tag[]> => unwrap(() => commands.removeTag(photo, tag));
export const checkPhoto = (photo: number, channel: string, purpose: string, date: string | null): Promise<PhotoCheck> =>
  unwrap(() => commands.checkPhoto(photo, channel, purpose, date));
/** Saves an anonymised copy where the user chooses; null when they cancel the dialog. */
export const exportPhotoFile = (photo: number, channel: string, purpose: string, date: string | null): Promise<ExportReport | null> =>
  unwrap(() => commands.exportPhotoFile(photo, channel, purpose, date));
export const publications = (photo: number): Promise<Publication[]> => unwrap(() => commands.publications(photo));
export const addPublication = (photo: number, channel: string, purpose: string, place: string, date: string | null): Promise<number> =>
  unwrap(() => commands.addPublication(photo, channel, purpose, place, date));
export const removePublication = (publication: number, date: string | null): Promise<null> => unwrap(() => commands.removePublication(publication, date));
export const takedownList = (date: string | null): Promise<Takedown[]> => unwrap(() => commands.takedownList(date));

// ----- information notices ---------------------------------------------------
export const notices = (): Promise<NoticeRow[]> => unwrap(() => commands.notices());
export const addNotice = (notice: NewNotice): Promise<number> => unwrap(() => commands.addNotice(notice));

// ----- printouts -------------------------------------------------------------
/** Saves one person's exit dossier where the user chooses; null when they cancel the dialog. */
export const printDossier = (person: number): Promise<DossierReport | null> => unwrap(() => commands.printDossier(person));
/** Everyone whose leave date is in `from`..`to` (both "YYYY-MM-DD", inclusive), by name. */
export const leavers = (from: string, to: string): Promise<PersonSummary[]> => unwrap(() => commands.leavers(from, to));
/**
 * Asks for a folder, then writes every leaver's exit dossier into it; null when
 * the folder dialog is cancelled. `onProgress` hears about every dossier written.
 */
export const dossierBatch = (from: string, to: string, onProgress: (p: BatchProgress) => void): Promise<BatchReport | null> => {
  const channel = new Channel<BatchProgress>();
  channel.onmessage = onProgress;
  return unwrap(() => commands.dossierBatch(from, to, channel));
};
/** Asks a running batch to stop; it then keeps nothing. */
export const cancelBatch = (): Promise<void> => plain(() => commands.cancelBatch());
/** Saves the latest version of form `form` on paper for `target`; null when the dialog is cancelled. */
export const printForm = (form: number, target: FormTarget): Promise<FormPrintReport | null> => unwrap(() => commands.printForm(form, target));
/**
 * Asks for a folder, then writes the photos `person` is tagged on, everyone
 * else made unrecognisable and no metadata; null when the dialog is cancelled.
 */
export const leaverPhotos = (person: number): Promise<LeaverPhotos | null> => unwrap(() => commands.leaverPhotos(person));
/** Who has to be asked again on `at` ("YYYY-MM-DD"; today when null), in `group` (a name) or all groups. */
export const reconsent = (at: string | null, group: string | null): Promise<ReconsentLine[]> => unwrap(() => commands.reconsent(at, group));
/** Saves the re-consent checklist, with `forms` also the pre-filled forms beside it; null when the dialog is cancelled. */
export const printReconsent = (at: string | null, group: string | null, forms: boolean): Promise<ReconsentPrintReport | null> =>
  unwrap(() => commands.printReconsent(at, group, forms));
/** Saves the measures sheet for the privacy register; the saved path, or null when the dialog is cancelled. */
export const printMeasures = (): Promise<string | null> => unwrap(() => commands.printMeasures());
/** Lets the user choose the organisation's logo for printouts; true when set, null when the dialog is cancelled. */
export const setLogoFile = (): Promise<boolean | null> => unwrap(() => commands.setLogoFile());
/** Printouts without a logo from now on. */
export const removeLogo = (): Promise<void> => unwrap(() => commands.removeLogo()).then(() => undefined);
/** Whether printouts carry a logo. */
export const hasLogo = (): Promise<boolean> => unwrap(() => commands.hasLogo());

/**
 * Where the window loads a photo's picture: the app's `photo:` protocol,
 * which serves only to a logged-in user. Windows webviews reach custom
 * protocols as http://NAME.localhost.
 */
export function photoUrl(id: number, rendition: "thumb" | "preview"): string {
  const windows = typeof navigator !== "undefined" && /Windows/i.test(navigator.userAgent);
  return windows ? `http://photo.localhost/${rendition}/${id}` : `photo://localhost/${rendition}/${id}`;
}
