//! Opening a package in the browser: from a folder URL (the manifest and the chosen activity file are
//! fetched) or from a `.zip` URL made by `pacer pack` (fetched whole, inflated with the browser's
//! `DecompressionStream`, and every file checked against its SHA-256 list with `crypto.subtle` before
//! anything is parsed). A damaged or tampered package is refused with errors naming the file; nothing
//! stored is touched. The media of a zipped course (images, audio) come from the zip too, already checked,
//! as `blob:` URLs ([`Assets`]): nothing of it is asked of the server again.

use super::net::{self, fetch_bytes, fetch_text};
use crate::pack::hashes::{self, HASH_FILE};
use crate::pack::unpack::{self, missing, zip_text};
use crate::pack::zip::{self, Method};
use crate::package::{parse_activity, parse_manifest, Activity, Item, Manifest, PackageError};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Url;

/// A package as the player needs it: the manifest, the activity to play, and where media are.
pub struct Opened {
    pub manifest: Manifest,
    pub activity: Activity,
    /// Where the package's media are.
    pub assets: Assets,
}

/// Where a package's media (images, audio) are read from.
#[derive(Clone)]
pub enum Assets {
    /// A folder: media paths are relative to this URL (the manifest's).
    Folder(String),
    /// A zip: its files, every one checked against the SHA-256 list, and the `blob:` URLs made so far.
    Zip(Rc<ZipAssets>),
}

/// The files of an opened zip, and the object URLs already made for them (one per file, kept for the
/// page's life: an `<img>` may be drawn again after a language switch).
pub struct ZipAssets {
    files: BTreeMap<String, Vec<u8>>,
    urls: RefCell<BTreeMap<String, String>>,
}

impl Assets {
    /// The URL the page loads the package file `path` from.
    pub fn url(&self, path: &str) -> String {
        match self {
            Assets::Folder(base) => Url::new_with_base(path, base)
                .map(|u| u.href())
                .unwrap_or_else(|_| path.to_owned()),
            Assets::Zip(zip) => {
                if let Some(url) = zip.urls.borrow().get(path) {
                    return url.clone();
                }
                // Not in the zip (the validator refuses such a package, so only a hand-made zip gets
                // here): a URL that fails to load, never a request to the server for it.
                let Some(data) = zip.files.get(path) else {
                    return "about:blank#missing".to_owned();
                };
                let options = web_sys::BlobPropertyBag::new();
                options.set_type(unpack::media_type(path));
                let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(data.as_slice()));
                let url = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
                    .and_then(|blob| Url::create_object_url_with_blob(&blob))
                    .unwrap_or_else(|_| "about:blank#unreadable".to_owned());
                zip.urls.borrow_mut().insert(path.to_owned(), url.clone());
                url
            }
        }
    }
}

/// The items of the package's activities other than `open`, for the course folds: read after the first
/// screen (from the zip already checked, or fetched from the folder, where the service worker usually has
/// them), never before it. A file that cannot be read, fails the folder's SHA-256 list or does not parse
/// is skipped, with a warning in the console: answers to its items are then read with their skill's
/// values, as before any was read. Nothing here is shown or stored.
pub async fn other_items(assets: &Assets, manifest: &Manifest, open: &str) -> Vec<Item> {
    let list = match assets {
        Assets::Folder(base) if manifest.sha256_list => {
            match Source::Folder(base.clone()).text(HASH_FILE).await {
                Ok(list) => Some(list),
                Err(e) => {
                    warn(&format!("the other activities' items were not read: {e}"));
                    return Vec::new();
                }
            }
        }
        _ => None,
    };
    // All at once: fetched one by one, they kept the service worker busy for seconds, and a waiting new
    // version of the player takes over only once no fetch is in flight.
    let others: Vec<_> = manifest
        .activities
        .iter()
        .filter(|a| a.id != open)
        .collect();
    let texts = join_all(others.iter().map(|entry| async move {
        match assets {
            Assets::Folder(base) => Source::Folder(base.clone()).text(&entry.file).await,
            Assets::Zip(zip) => zip_text(&zip.files, &entry.file),
        }
    }))
    .await;
    let mut items = Vec::new();
    for (entry, source) in others.into_iter().zip(texts) {
        let checked = match (source, &list) {
            (Ok(text), Some(list)) => verify_folder(list, &[(&entry.file, &text)])
                .await
                .map(|()| text),
            (source, _) => source,
        };
        match checked
            .map_err(|e| vec![e])
            .and_then(|text| parse_activity(&entry.file, &text, entry, manifest))
        {
            Ok(activity) => items.extend(activity.items),
            Err(errors) => warn(&format!(
                "the items of {} were not read: {}",
                entry.file,
                errors.first().map(|e| e.to_string()).unwrap_or_default()
            )),
        }
    }
    items
}

/// Runs `futures` together on this thread and returns their outputs in order once all are done (as
/// [`super::join`] does for two).
async fn join_all<F: std::future::Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, done) in futures.iter_mut().zip(out.iter_mut()) {
            if done.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *done = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().flatten().collect()
}

fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// Opens the package at `package_url` (resolved against `base`) and its activity `wanted` (the first
/// when None).
pub async fn open(
    package_url: &str,
    base: &str,
    wanted: Option<&str>,
) -> Result<Opened, Vec<PackageError>> {
    let url = Url::new_with_base(package_url, base)
        .map_err(|e| vec![missing(package_url, net::describe(e))])?;
    let files = if unpack::is_zip(&url.pathname()) {
        // Reading a zip is the later part's (#19: a folder's first item never carries it).
        let rest = super::later::load()
            .await
            .map_err(|e| vec![missing(package_url, e.to_string())])?;
        Source::Zip((rest.open_zip)(url.href()).await?)
    } else {
        Source::Folder(url.href())
    };
    let (manifest, manifest_source, entry, activity, source, hash_list) =
        read_files(&files, wanted).await?;
    if let Some(list) = hash_list {
        verify_folder(
            &list,
            &[("pkg.json", &manifest_source), (&entry.file, &source)],
        )
        .await
        .map_err(|e| vec![e])?;
    }
    let assets = match files {
        Source::Folder(base) => Assets::Folder(base),
        Source::Zip(files) => Assets::Zip(Rc::new(ZipAssets {
            files,
            urls: RefCell::default(),
        })),
    };
    Ok(Opened {
        manifest,
        activity,
        assets,
    })
}

/// The files read to open a package: the manifest and the activity, each with its text, and the
/// SHA-256 list of an unzipped pack.
type Read = (
    Manifest,
    String,
    crate::package::ActivityRef,
    Activity,
    String,
    Option<String>,
);

/// The manifest and the activity `wanted`, each with its text; for a folder whose manifest says it
/// carries a SHA-256 list (an unzipped pack), the list too, fetched while the activity is. An author's
/// folder has no list and is not asked for one (the 404 would show in the console on every start).
async fn read_files(files: &Source, wanted: Option<&str>) -> Result<Read, Vec<PackageError>> {
    let manifest_source = files.text("pkg.json").await.map_err(|e| vec![e])?;
    let manifest = parse_manifest("pkg.json", &manifest_source)?;
    let entry = unpack::choose_activity(&manifest, wanted).map_err(|e| vec![e])?;
    let hash_list = async {
        match files {
            Source::Folder(_) if manifest.sha256_list => files.text(HASH_FILE).await.map(Some),
            _ => Ok(None),
        }
    };
    let (source, hash_list) = super::join(files.text(&entry.file), hash_list).await;
    let source = source.map_err(|e| vec![e])?;
    // The manifest says the list is there: one that cannot be loaded is refused, not skipped.
    let hash_list = hash_list.map_err(|e| vec![unpack::list_unreadable(e)])?;
    let activity = parse_activity(&entry.file, &source, &entry, &manifest)?;
    Ok((
        manifest,
        manifest_source,
        entry,
        activity,
        source,
        hash_list,
    ))
}

enum Source {
    /// The manifest's URL.
    Folder(String),
    /// Every file of the zip, checked.
    Zip(BTreeMap<String, Vec<u8>>),
}

impl Source {
    async fn text(&self, path: &str) -> Result<String, PackageError> {
        match self {
            Source::Folder(manifest_url) => {
                let url = Url::new_with_base(path, manifest_url)
                    .map_err(|e| missing(path, net::describe(e)))?;
                fetch_text(&url.href()).await.map_err(|e| missing(path, e))
            }
            Source::Zip(files) => zip_text(files, path),
        }
    }
}

/// A folder that carries a SHA-256 list `list` (an unzipped pack; an author's folder has none) has the
/// files just read checked against it.
async fn verify_folder(list: &str, read: &[(&str, &str)]) -> Result<(), PackageError> {
    let paths: Vec<&str> = read.iter().map(|(path, _)| *path).collect();
    let wanted = unpack::listed_for(list, &paths)?;
    let mut actual = BTreeMap::new();
    for (path, text) in read {
        actual.insert((*path).to_owned(), sha256_hex(text.as_bytes()).await?);
    }
    hashes::verify(&wanted, &actual)
}

/// Fetches, inflates and checks every file of a packed course (in the later part: see
/// [`super::later::Rest::open_zip`]).
pub(super) async fn open_zip(url: &str) -> Result<BTreeMap<String, Vec<u8>>, Vec<PackageError>> {
    let name = unpack::zip_name(url).to_owned();
    let bytes = fetch_bytes(url)
        .await
        .map_err(|e| vec![missing(&name, e)])?;
    let entries = zip::entries(&bytes).map_err(|e| vec![missing(&name, e.to_string())])?;
    let mut files = BTreeMap::new();
    for entry in entries {
        let data = match entry.method {
            Method::Stored => entry.data.to_vec(),
            Method::Deflated => inflate(entry.data)
                .await
                .map_err(|e| vec![missing(&entry.name, format!("cannot be inflated: {e}"))])?,
        };
        unpack::check_crc(&entry.name, &data, entry.crc32).map_err(|e| vec![e])?;
        files.insert(entry.name, data);
    }
    let expected = unpack::zip_list(&files).map_err(|e| vec![e])?;
    let mut actual = BTreeMap::new();
    for (path, data) in unpack::hashed(&files) {
        actual.insert(path.clone(), sha256_hex(data).await.map_err(|e| vec![e])?);
    }
    hashes::verify(&expected, &actual).map_err(|e| vec![e])?;
    Ok(files)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The Compression Streams API's `DecompressionStream` (stable in browsers; not yet in web-sys's
    /// stable set).
    type DecompressionStream;

    #[wasm_bindgen::prelude::wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    #[wasm_bindgen::prelude::wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;

    #[wasm_bindgen::prelude::wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// Raw deflate, inflated by the browser (no decompressor in the wasm).
async fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let stream = DecompressionStream::new("deflate-raw").map_err(net::describe)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(data));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(net::describe)?;
    let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
    let inflated = blob.stream().pipe_through(&pair);
    let response =
        web_sys::Response::new_with_opt_readable_stream(Some(&inflated)).map_err(net::describe)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(net::describe)?)
        .await
        .map_err(net::describe)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// SHA-256 with the browser's `crypto.subtle`, as lowercase hex.
async fn sha256_hex(data: &[u8]) -> Result<String, PackageError> {
    let fail = |e: JsValue| PackageError::Integrity {
        file: HASH_FILE.to_owned(),
        reason: format!("cannot be checked in this browser: {}", net::describe(e)),
    };
    let crypto = web_sys::window()
        .ok_or_else(|| fail(JsValue::from_str("no window")))?
        .crypto()
        .map_err(fail)?;
    let promise = crypto
        .subtle()
        .digest_with_str_and_u8_array("SHA-256", data)
        .map_err(fail)?;
    let digest = JsFuture::from(promise).await.map_err(fail)?;
    let bytes = js_sys::Uint8Array::new(digest.unchecked_ref()).to_vec();
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
