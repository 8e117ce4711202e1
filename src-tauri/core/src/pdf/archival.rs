//! Every printout as PDF/A-2b, the archival form of PDF: an exit dossier
//! stays in a pupil's file for years. On top of what printpdf writes (fonts
//! embedded and subset, no encryption, no external content) this adds what
//! PDF/A asks of the document itself: XMP metadata that says PDF/A-2b and
//! repeats the title and dates of the Info dictionary, an sRGB output
//! intent (every colour here is DeviceRGB), the real creation date, a file
//! identifier and PDF 1.7.
//!
//! veraPDF, the reference validator, is a Java program from Maven Central,
//! which these machines cannot reach; `core/tests/pdfa.rs` checks these
//! clauses on every kind of printout instead (see the README).

use chrono::{Local, NaiveDateTime, TimeZone};
use lopdf::{Dictionary, Object, Stream, StringFormat};
use sha2::{Digest, Sha256};

/// Shown as the producer and creator tool, in the Info dictionary and the XMP alike.
const PRODUCER: &str = "Beeldakkoord";

/// Make `doc` a PDF/A-2b document titled `title`, created at `created` (local time).
pub fn make_archival(doc: &mut lopdf::Document, title: &str, created: NaiveDateTime) {
    doc.version = "1.7".into();
    let when = Local.from_local_datetime(&created).earliest().map(|t| t.fixed_offset()).unwrap_or_else(|| created.and_utc().fixed_offset());
    let xmp_date = when.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let offset = when.format("%z").to_string();
    let pdf_date = format!("D:{}{}'{}'", when.format("%Y%m%d%H%M%S"), &offset[..3], &offset[3..]);

    let metadata = doc.add_object(Object::Stream(unfiltered(
        Dictionary::from_iter(vec![("Type", Object::Name(b"Metadata".to_vec())), ("Subtype", Object::Name(b"XML".to_vec()))]),
        xmp(title, &xmp_date).into_bytes(),
    )));
    let icc = moxcms::ColorProfile::new_srgb().encode().unwrap_or_default();
    let profile = doc.add_object(Object::Stream(Stream::new(Dictionary::from_iter(vec![("N", Object::Integer(3))]), icc)));
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", text("sRGB IEC61966-2.1")),
        ("RegistryName", text("http://www.color.org")),
        ("Info", text("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", Object::Reference(metadata));
        catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    }

    // The Info dictionary says what the XMP says, nothing more (PDF/A asks them to agree).
    let info = Dictionary::from_iter(vec![
        ("Title", text(title)),
        ("Producer", text(PRODUCER)),
        ("Creator", text(PRODUCER)),
        ("CreationDate", text(&pdf_date)),
        ("ModDate", text(&pdf_date)),
    ]);
    // printpdf's own Info (dated 1970) goes: one Info, the true one.
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    let info_id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(info_id));
    let id = Sha256::digest(format!("{title}\n{xmp_date}\n{}", doc.objects.len()).as_bytes())[..16].to_vec();
    doc.trailer.set("ID", Object::Array(vec![Object::String(id.clone(), StringFormat::Hexadecimal), Object::String(id, StringFormat::Hexadecimal)]));
}

/// A stream the compressor leaves alone: PDF/A wants the metadata readable as it is.
fn unfiltered(dict: Dictionary, content: Vec<u8>) -> Stream {
    let mut s = Stream::new(dict, content);
    s.allows_compression = false;
    s
}

/// A PDF text string: ASCII as it is, anything else UTF-16BE with a byte-order mark.
pub(super) fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn xmp(title: &str, date: &str) -> String {
    let title = xml_escape(title);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}'
    )
}
