//! What a process killed while changing the photo library leaves behind is
//! tidied at the next opening; while a change is under way in another
//! process nothing is tidied, and a second import is refused.

mod common;

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::photos::library::Library;
use common::{setup, unlock};

#[test]
fn a_killed_import_leaves_nothing_visible_after_the_next_opening() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, s) = setup(dir.path());
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, 5])).save(camera.join("klas.jpg")).unwrap();
    let kept = core.import_photos(&s, std::slice::from_ref(&camera), FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].hash.clone();
    drop(core);

    // What a kill between writing the files and recording the row leaves: the files and the marker.
    let shard = data.join("photos/originals/ab");
    std::fs::create_dir_all(&shard).unwrap();
    let orphan = shard.join(format!("ab{}.jpg", "0".repeat(62)));
    std::fs::write(&orphan, b"encrypted bytes of a photo never recorded").unwrap();
    let dead_temp = shard.join(".bk-4194305-0.tmp");
    std::fs::write(&dead_temp, b"half").unwrap();
    std::fs::write(data.join("photos/changing"), b"").unwrap();

    // Another process is changing the library: nothing is tidied, and an import waits its turn.
    let other = Library::new(&data, None, Default::default());
    let busy = other.begin_changes().unwrap();
    let (core, s) = unlock(&data);
    assert!(orphan.exists(), "nothing is tidied under another process's change");
    let refused = core.import_photos(&s, std::slice::from_ref(&camera), FacesAtImport::Detect, &mut |_| true).unwrap_err();
    assert_eq!(refused.code(), "photo.import_busy");
    drop(core);
    drop(busy);
    std::fs::write(data.join("photos/changing"), b"").unwrap();

    let (core, s) = unlock(&data);
    assert!(!orphan.exists() && !dead_temp.exists(), "the files no photo names are gone");
    assert!(!data.join("photos/changing").exists());
    let files: Vec<_> = ["originals", "thumbs"].iter().map(|k| data.join("photos").join(k).join(&kept[..2]).join(format!("{kept}.jpg"))).collect();
    assert!(files.iter().all(|f| f.exists()), "a recorded photo keeps its files");
    assert!(core.photo_file(&s, 1, beeldakkoord_core::api::Rendition::Thumb).is_ok());
}
