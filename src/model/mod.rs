//! The typed files: gallery roles, `galleri.yaml`, catalogs and appointments, and the gallery
//! in use. Values that findings point at are kept as `Spanned<T>`; every struct is read by
//! [`crate::yaml`], which rejects unknown keys and reports every mistake of a file.

mod appointments;
mod catalog;
mod catalog_set;
pub(crate) mod embedded;
mod gallery;
mod gallery_index;
mod phase;
pub(crate) mod schema_ids;
mod vocabulary;

pub use crate::yaml::Entries;
pub use appointments::{Appointments, Person, RoleHolders, SystemAppointments};
pub use catalog::{Catalog, CatalogRole, DocumentStatus, Dokument, KlikTask, TaskPart};
pub use catalog_set::{CatalogEntry, CatalogSet, Lookup};
pub use gallery::{Duty, Galleri, GalleryRole, GalleryVersion, Gruppe, Maade, Mark, Udpegning};
pub use gallery_index::{Gallery, GalleryOrigin, STANDARD_ORDER};
pub use phase::{Phase, Status};
pub use vocabulary::{Integration, Theme};
