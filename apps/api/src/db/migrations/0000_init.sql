CREATE TABLE "apartments" (
	"id" text PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"label" text NOT NULL,
	"commune" text NOT NULL,
	"operator" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"role" text NOT NULL,
	"association_id" text,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_role" CHECK ("api_keys"."role" in ('department', 'association', 'partner')),
	CONSTRAINT "api_keys_association" CHECK (("api_keys"."role" = 'association') = ("api_keys"."association_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"beneficiary_id" text NOT NULL,
	"association_id" text NOT NULL,
	"convention_id" text NOT NULL,
	"submitted_on" date NOT NULL,
	"advice_enc" text NOT NULL,
	"decision" text,
	"decided_by" text,
	"decided_on" date,
	"rationale_enc" text,
	"decision_key_id" text,
	CONSTRAINT "applications_decision_by_a_person" CHECK (("applications"."decision" is null) or ("applications"."decided_by" is not null and "applications"."rationale_enc" is not null and "applications"."decided_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"key_id" text,
	"action" text NOT NULL,
	"resource" text NOT NULL,
	"resource_id" text
);
--> statement-breakpoint
CREATE TABLE "beneficiaries" (
	"id" text PRIMARY KEY NOT NULL,
	"association_id" text NOT NULL,
	"facts_enc" text,
	"birth_date_certainty_enc" text,
	"last_name_enc" text,
	"first_name_enc" text,
	"postal_address_enc" text,
	"phone_enc" text,
	"caf_number_enc" text,
	"caf_bidx" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_at" timestamp with time zone,
	CONSTRAINT "beneficiaries_erased_or_whole" CHECK (("beneficiaries"."erased_at" is null) = ("beneficiaries"."facts_enc" is not null and "beneficiaries"."last_name_enc" is not null and "beneficiaries"."first_name_enc" is not null and "beneficiaries"."postal_address_enc" is not null and "beneficiaries"."phone_enc" is not null and "beneficiaries"."caf_number_enc" is not null and "beneficiaries"."caf_bidx" is not null and "beneficiaries"."birth_date_certainty_enc" is not null)),
	CONSTRAINT "beneficiaries_erased_is_empty" CHECK ("beneficiaries"."erased_at" is null or coalesce("beneficiaries"."facts_enc", "beneficiaries"."last_name_enc", "beneficiaries"."first_name_enc", "beneficiaries"."postal_address_enc", "beneficiaries"."phone_enc", "beneficiaries"."caf_number_enc", "beneficiaries"."caf_bidx", "beneficiaries"."birth_date_certainty_enc") is null)
);
--> statement-breakpoint
CREATE TABLE "conventions" (
	"id" text PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"seeded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" text PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"category" text NOT NULL,
	"apartment_id" text,
	"operator" text NOT NULL,
	"available_from" date NOT NULL,
	"available_until" date
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stays" (
	"id" text PRIMARY KEY NOT NULL,
	"beneficiary_id" text NOT NULL,
	"place_id" text NOT NULL,
	"association_id" text NOT NULL,
	"category" text NOT NULL,
	"start_on" date NOT NULL,
	"planned_end_on" date NOT NULL,
	"renewals" integer DEFAULT 0 NOT NULL,
	"end_on" date,
	"exit_reason_enc" text,
	CONSTRAINT "stays_end_after_start" CHECK ("stays"."end_on" is null or "stays"."end_on" >= "stays"."start_on"),
	CONSTRAINT "stays_exit_reason_after_exit" CHECK ("stays"."exit_reason_enc" is null or "stays"."end_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "apartments" ADD CONSTRAINT "apartments_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_apartment_id_apartments_id_fk" FOREIGN KEY ("apartment_id") REFERENCES "public"."apartments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stays" ADD CONSTRAINT "stays_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stays" ADD CONSTRAINT "stays_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_beneficiary" ON "applications" USING btree ("beneficiary_id");--> statement-breakpoint
CREATE INDEX "audit_events_key_at" ON "audit_events" USING btree ("key_id","at");--> statement-breakpoint
CREATE INDEX "beneficiaries_caf_bidx" ON "beneficiaries" USING btree ("caf_bidx");--> statement-breakpoint
CREATE INDEX "beneficiaries_association" ON "beneficiaries" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "places_convention" ON "places" USING btree ("convention_id");--> statement-breakpoint
CREATE INDEX "stays_place" ON "stays" USING btree ("place_id","start_on");--> statement-breakpoint
CREATE INDEX "stays_beneficiary" ON "stays" USING btree ("beneficiary_id","start_on");