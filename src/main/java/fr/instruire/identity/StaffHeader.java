package fr.instruire.identity;

/** Who is signed in, as a staff page's header shows it. */
record StaffHeader(String id, String name, boolean admin) {
}
