//! Opening a package in the browser: from a folder URL (the manifest and the chosen activity file are
//! fetched) or from a `.zip` URL made by `pacer pack` (fetched whole, inflated with the browser's
//! `DecompressionStream`, and every file checked against its SHA-256 list with `crypto.subtle` before
//! anything is parsed). A damaged or tampered package is refused with errors naming the file; nothing
//! stored is touched. The media of a zipped course (images, audio) come from the zip too, already checked,
//! as `blob:` URLs ([`Assets`]): nothing of it is asked of the server again.

use super::net::{self, fetch_bytes, fetch_text};
use crate::pack::hashes::{self, HASH_FILE};
use crate::pack::reading::{self, Answer, Need, Reading};
use crate::pack::unpack::{self, missing, zip_text};
use crate::pack::zip::{self, Method};
use crate::package::{Activity, Item, Manifest, PackageError};
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
/// them), never before it; what is skipped and why is [`reading::Others`]'s, said in the console.
/// Nothing here is shown or stored.
pub async fn other_items(assets: &Assets, manifest: &Manifest, open: &str) -> Vec<Item> {
    let others = reading::Others::new(manifest, open, matches!(assets, Assets::Folder(_)));
    let (items, warnings) = read(others, &Source::of(assets)).await;
    for warning in warnings {
        web_sys::console::warn_1(&warning.into());
    }
    items
}

/// Performs what `reading` needs from `source` until it is done.
async fn read<R: Reading>(mut reading: R, source: &Source<'_>) -> R::Output {
    while let Some(need) = reading.need() {
        reading.answer(match need {
            // All at once: a waiting new version of the player takes over only once no fetch is in
            // flight.
            Need::Texts(paths) => {
                Answer::Texts(join_all(paths.iter().map(|p| source.text(p))).await)
            }
            Need::Digests(texts) => {
                let mut digests = Vec::new();
                for text in &texts {
                    digests.push(sha256_hex(text.as_bytes()).await);
                }
                Answer::Digests(digests)
            }
        });
    }
    reading.finish()
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

/// Opens the package at `package_url` (resolved against `base`) and its activity `wanted` (the first
/// when None).
pub async fn open(
    package_url: &str,
    base: &str,
    wanted: Option<&str>,
) -> Result<Opened, Vec<PackageError>> {
    let url = Url::new_with_base(package_url, base)
        .map_err(|e| vec![missing(package_url, net::describe(e))])?;
    let folder = !unpack::is_zip(&url.pathname());
    let assets = if folder {
        Assets::Folder(url.href())
    } else {
        // Reading a zip is the later part's (#19: a folder's first item never carries it).
        let rest = super::later::load()
            .await
            .map_err(|e| vec![missing(package_url, e.to_string())])?;
        let files = (rest.open_zip)(url.href()).await?;
        Assets::Zip(Rc::new(ZipAssets {
            files,
            urls: RefCell::default(),
        }))
    };
    let (manifest, activity) =
        read(reading::Opening::new(wanted, folder), &Source::of(&assets)).await?;
    Ok(Opened {
        manifest,
        activity,
        assets,
    })
}

/// Where the package's files are read from.
enum Source<'a> {
    /// The manifest's URL.
    Folder(&'a str),
    /// Every file of the zip, checked.
    Zip(&'a BTreeMap<String, Vec<u8>>),
}

impl Source<'_> {
    fn of(assets: &Assets) -> Source<'_> {
        match assets {
            Assets::Folder(base) => Source::Folder(base),
            Assets::Zip(zip) => Source::Zip(&zip.files),
        }
    }

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
