//! The logical structure of a printout (Tagged PDF), so a screen reader
//! reads a dossier as headings, paragraphs, tables and figures in order
//! instead of loose glyphs. printpdf has no structure tree of its own: the
//! layout marks each piece of content with a number (MCID) as it writes
//! it, into the element open at that moment, and `write` builds the tree,
//! the parent tree and the catalogue entries on the finished document.
//! Headers, footers, rules and frames are artifacts: not read aloud.

use lopdf::{Dictionary, Object, ObjectId};

/// A structure element: its type (`P`, `H1`, `Table`, `Figure`…), parent
/// and what it holds, in reading order.
struct Node {
    role: &'static str,
    parent: usize,
    kids: Vec<Kid>,
    /// A figure's text alternative.
    alt: Option<String>,
}

enum Kid {
    Node(usize),
    /// Marked content on a page (index from 0).
    Content {
        page: usize,
        mcid: i64,
    },
}

/// The tree as the layout builds it; node 0 is the `Document`.
pub struct Tags {
    nodes: Vec<Node>,
    /// The open elements, innermost last.
    open: Vec<usize>,
    /// The next MCID per page.
    next: Vec<i64>,
}

impl Default for Tags {
    fn default() -> Self {
        Tags { nodes: vec![Node { role: "Document", parent: 0, kids: Vec::new(), alt: None }], open: vec![0], next: Vec::new() }
    }
}

impl Tags {
    fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    /// A new element in the current one, not opened.
    pub fn add(&mut self, role: &'static str) -> usize {
        let parent = self.current();
        self.nodes.push(Node { role, parent, kids: Vec::new(), alt: None });
        let id = self.nodes.len() - 1;
        self.nodes[parent].kids.push(Kid::Node(id));
        id
    }

    /// Open a new element in the current one; content goes into it until `end`.
    pub fn begin(&mut self, role: &'static str) -> usize {
        let id = self.add(role);
        self.open.push(id);
        id
    }

    /// Open an element made earlier again (a table cell continued on the next page).
    pub fn enter(&mut self, id: usize) {
        self.open.push(id);
    }

    pub fn end(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    pub fn set_alt(&mut self, id: usize, alt: &str) {
        if let Some(n) = self.nodes.get_mut(id) {
            n.alt = Some(alt.to_string());
        }
    }

    /// Number the next piece of content on `page` for the current element;
    /// content outside any element gets a paragraph of its own. Returns the
    /// MCID and the element's type (the tag of the marked content).
    pub fn mark(&mut self, page: usize) -> (i64, &'static str) {
        let mut node = self.current();
        if node == 0 {
            node = self.add("P");
        }
        if self.next.len() <= page {
            self.next.resize(page + 1, 0);
        }
        let mcid = self.next[page];
        self.next[page] += 1;
        self.nodes[node].kids.push(Kid::Content { page, mcid });
        (mcid, self.nodes[node].role)
    }

    /// Give `doc` its structure tree, parent tree, `MarkInfo` and language
    /// (a BCP 47 tag such as `nl-NL`).
    pub fn write(&self, doc: &mut lopdf::Document, lang: &str) {
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let root_id = doc.new_object_id();
        let ids: Vec<ObjectId> = self.nodes.iter().map(|_| doc.new_object_id()).collect();
        // Per page, the element of each MCID in order: the parent tree.
        let mut owners: Vec<Vec<Option<ObjectId>>> = vec![Vec::new(); pages.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            let mut kids = Vec::new();
            for kid in &node.kids {
                match kid {
                    Kid::Node(k) => kids.push(Object::Reference(ids[*k])),
                    Kid::Content { page, mcid } => {
                        let Some(pg) = pages.get(*page) else { continue };
                        kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"MCR".to_vec())),
                            ("Pg", Object::Reference(*pg)),
                            ("MCID", Object::Integer(*mcid)),
                        ])));
                        let slot = &mut owners[*page];
                        let at = *mcid as usize;
                        if slot.len() <= at {
                            slot.resize(at + 1, None);
                        }
                        slot[at] = Some(ids[i]);
                    }
                }
            }
            let parent = if i == 0 { root_id } else { ids[node.parent] };
            let mut elem = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"StructElem".to_vec())),
                ("S", Object::Name(node.role.as_bytes().to_vec())),
                ("P", Object::Reference(parent)),
                ("K", Object::Array(kids)),
            ]);
            if let Some(alt) = &node.alt {
                elem.set("Alt", super::archival::text(alt));
            }
            doc.objects.insert(ids[i], Object::Dictionary(elem));
        }
        let mut nums = Vec::new();
        for (p, (page, owned)) in pages.iter().zip(&owners).enumerate() {
            if let Ok(Object::Dictionary(d)) = doc.get_object_mut(*page) {
                d.set("StructParents", Object::Integer(p as i64));
            }
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Array(owned.iter().map(|o| o.map(Object::Reference).unwrap_or(Object::Null)).collect()));
        }
        let parent_tree = doc.add_object(Object::Dictionary(Dictionary::from_iter(vec![("Nums", Object::Array(nums))])));
        doc.objects.insert(
            root_id,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"StructTreeRoot".to_vec())),
                ("K", Object::Reference(ids[0])),
                ("ParentTree", Object::Reference(parent_tree)),
                ("ParentTreeNextKey", Object::Integer(pages.len() as i64)),
            ])),
        );
        if let Ok(catalog) = doc.catalog_mut() {
            catalog.set("StructTreeRoot", Object::Reference(root_id));
            catalog.set("MarkInfo", Object::Dictionary(Dictionary::from_iter(vec![("Marked", Object::Boolean(true))])));
            catalog.set("Lang", super::archival::text(lang));
            catalog.set("ViewerPreferences", Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])));
        }
    }
}
