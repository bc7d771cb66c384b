// Package field names a place inside an API object and the errors found there.
//
// Every validation message a user sees starts with the path of the field it is
// about, written the way Kubernetes writes it:
//
//	spec.template.spec.containers[0].image: Required value
//	metadata.labels[app]: Invalid value: "-x": ...
//
// A Path is built by walking down from the root:
//
//	p := field.NewPath("spec", "template", "spec").Child("containers").Index(0)
//	errs = append(errs, field.Required(p.Child("image"), "a container needs an image"))
//
// Validators return an ErrorList rather than stopping at the first problem, so
// a student fixing a manifest sees every mistake in one run.
//
// Talk 000, "Client side validation": these are the messages kubectl prints
// before it sends anything to the API server.
package field
